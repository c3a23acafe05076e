create table if not exists greeting (id int primary key);
