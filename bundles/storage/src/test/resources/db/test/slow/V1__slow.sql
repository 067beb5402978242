SELECT pg_sleep(0.5);
CREATE TABLE slow_things (id int PRIMARY KEY);
INSERT INTO slow_things VALUES (1);
