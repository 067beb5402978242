CREATE TABLE items (
    id   bigserial PRIMARY KEY,
    name varchar(10) NOT NULL
);
