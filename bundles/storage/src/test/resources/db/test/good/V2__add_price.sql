ALTER TABLE items ADD COLUMN price numeric;
INSERT INTO items (name, price) VALUES ('seed', 1.50);
