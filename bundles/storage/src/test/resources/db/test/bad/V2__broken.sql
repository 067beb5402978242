CREATE TABLE things_broken (id int);
SELECT * FROM no_such_table;
