-- The Specialists Programme: a school nominates a teacher; the hub scores the nomination
-- criterion by criterion and decides; an accepted teacher trains for three years and is then
-- accredited. Keep in step with ../postgres/0009_specialists.sql.

CREATE TABLE specialist_applications (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    urn BIGINT NOT NULL REFERENCES schools (urn),
    academic_year TEXT NOT NULL,
    teacher_name TEXT NOT NULL,
    teacher_email TEXT NOT NULL,
    qualified_teacher_status BOOLEAN NOT NULL,
    years_teaching_mathematics INTEGER NOT NULL,
    lead_teacher_statement TEXT NOT NULL,
    senior_leader_name TEXT NOT NULL,
    senior_leader_statement TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted', 'accepted', 'declined')),
    -- The hub's scores: JSON, criterion code to 0..3.
    scores TEXT NOT NULL DEFAULT '{}',
    decision_reason TEXT NULL,
    created_by BIGINT NULL REFERENCES people (id),
    created_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP NULL
);
CREATE INDEX specialist_applications_school ON specialist_applications (urn, academic_year);

CREATE TABLE specialists (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    application_id BIGINT NULL REFERENCES specialist_applications (id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    urn BIGINT NOT NULL REFERENCES schools (urn),
    hub_code TEXT NULL REFERENCES hubs (code),
    started_year TEXT NOT NULL,
    accredited_year TEXT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX specialists_hub ON specialists (hub_code);
