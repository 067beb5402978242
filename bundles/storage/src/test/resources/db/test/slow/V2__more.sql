INSERT INTO slow_things VALUES (2);
