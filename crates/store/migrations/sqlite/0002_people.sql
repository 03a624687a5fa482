-- People and the roles they hold. Keep in step with ../postgres/0002_people.sql.

CREATE TABLE people (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    -- The address in lower case: one person per address, whatever its case.
    email_normalised TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    -- argon2id (PHC string); NULL until the person sets a password.
    password_hash TEXT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE person_roles (
    person_id BIGINT NOT NULL REFERENCES people (id),
    role TEXT NOT NULL,
    hub_code TEXT NULL REFERENCES hubs (code),
    school_urn BIGINT NULL REFERENCES schools (urn),
    -- 'national', 'hub:CODE' or 'school:URN': makes a role in a scope unique without NULLs.
    scope_key TEXT NOT NULL,
    granted_at TIMESTAMP NOT NULL,
    PRIMARY KEY (person_id, role, scope_key)
);
CREATE INDEX person_roles_hub ON person_roles (hub_code);
CREATE INDEX person_roles_school ON person_roles (school_urn);
