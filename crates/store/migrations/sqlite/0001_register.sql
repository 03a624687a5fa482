-- The school register, Maths Hubs and the local authorities they serve.
-- Keep in step with ../postgres/0001_register.sql: a test compares the two schemas.

CREATE TABLE hubs (
    code TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE local_authorities (
    code TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    hub_code TEXT NULL REFERENCES hubs (code)
);
CREATE INDEX local_authorities_hub ON local_authorities (hub_code);

CREATE TABLE schools (
    -- INTEGER PRIMARY KEY: on SQLite the URN is the rowid, so a school is one B-tree lookup.
    urn INTEGER NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    la_code TEXT NOT NULL,
    la_name TEXT NOT NULL,
    type_of_establishment TEXT NOT NULL,
    type_group TEXT NOT NULL,
    status TEXT NOT NULL,
    open_date DATE NULL,
    close_date DATE NULL,
    phase TEXT NOT NULL,
    statutory_low_age SMALLINT NULL,
    statutory_high_age SMALLINT NULL,
    town TEXT NOT NULL,
    postcode TEXT NOT NULL,
    region TEXT NOT NULL,
    state_funded BOOLEAN NOT NULL,
    secondary BOOLEAN NOT NULL,
    is_open BOOLEAN NOT NULL,
    content_hash BIGINT NOT NULL
);
CREATE INDEX schools_name ON schools (name, urn);
-- Listing the schools that count towards the target in name order without a sort, and counting
-- them by local authority from the index alone.
CREATE INDEX schools_target ON schools (is_open, state_funded, secondary, name, urn, la_code);
-- Counting them by local authority.
CREATE INDEX schools_la_target ON schools (la_code, is_open, state_funded, secondary);

-- Lower-cased name, URN, town and postcode of each school (rowid = URN), indexed by trigrams so
-- that a phrase MATCH finds schools by any part of those without reading the register.
CREATE VIRTUAL TABLE school_search USING fts5 (search_text, tokenize = 'trigram');

CREATE TABLE school_hub_overrides (
    urn BIGINT NOT NULL PRIMARY KEY REFERENCES schools (urn),
    hub_code TEXT NOT NULL REFERENCES hubs (code),
    reason TEXT NOT NULL,
    set_at TIMESTAMP NOT NULL
);
CREATE INDEX school_hub_overrides_hub ON school_hub_overrides (hub_code);

CREATE TABLE school_links (
    urn BIGINT NOT NULL,
    link_urn BIGINT NOT NULL,
    link_name TEXT NOT NULL,
    link_type TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('predecessor', 'successor', 'other')),
    established DATE NULL,
    PRIMARY KEY (urn, link_urn, link_type)
);
CREATE INDEX school_links_link_urn ON school_links (link_urn);

CREATE TABLE register_imports (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    rows_read BIGINT NOT NULL,
    inserted BIGINT NOT NULL,
    updated BIGINT NOT NULL,
    unchanged BIGINT NOT NULL
);
