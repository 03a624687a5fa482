-- The pathway: the programme catalogue of each academic year, Work Groups, each department's
-- participation year by year, and schools' applications. Academic years are stored as
-- '2024/25', which sorts in time order. Keep in step with ../postgres/0008_pathway.sql.

CREATE TABLE programmes (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    academic_year TEXT NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    stage TEXT NOT NULL,
    support_days INTEGER NULL,
    group_min INTEGER NULL,
    group_max INTEGER NULL,
    funding_pence BIGINT NULL,
    -- Codes of the programmes a school joining this one must also join, comma-separated.
    co_requisites TEXT NOT NULL DEFAULT '',
    UNIQUE (academic_year, code)
);

CREATE TABLE year_foci (
    academic_year TEXT NOT NULL,
    position INTEGER NOT NULL,
    focus TEXT NOT NULL,
    PRIMARY KEY (academic_year, position)
);

CREATE TABLE work_groups (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    hub_code TEXT NOT NULL REFERENCES hubs (code),
    academic_year TEXT NOT NULL,
    programme_id BIGINT NOT NULL REFERENCES programmes (id),
    name TEXT NOT NULL,
    focus TEXT NOT NULL,
    lead_person_id BIGINT NULL REFERENCES people (id),
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    status TEXT NOT NULL CHECK (status IN ('recruiting', 'running', 'closed')),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX work_groups_hub_year ON work_groups (hub_code, academic_year);

-- A department's year on the pathway: imported from a hub's records, or made by an accepted
-- application. The URN is the school's at the time (a predecessor's for years before a
-- conversion).
CREATE TABLE participations (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    urn BIGINT NOT NULL REFERENCES schools (urn),
    academic_year TEXT NOT NULL,
    stage TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('in_progress', 'completed', 'not_completed', 'withdrawn')),
    work_group_id BIGINT NULL REFERENCES work_groups (id),
    programme_code TEXT NULL,
    hub_code TEXT NULL,
    source TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (urn, academic_year, stage)
);
CREATE INDEX participations_work_group ON participations (work_group_id);

-- A department in a Work Group it joins alongside its stage's own: an Embedding school in the
-- Embedding and Sustaining Work Group (NCP21-14).
CREATE TABLE co_requisite_enrolments (
    participation_id BIGINT NOT NULL REFERENCES participations (id),
    work_group_id BIGINT NOT NULL REFERENCES work_groups (id),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (participation_id, work_group_id)
);
CREATE INDEX co_requisite_enrolments_work_group ON co_requisite_enrolments (work_group_id);

CREATE TABLE applications (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    urn BIGINT NOT NULL REFERENCES schools (urn),
    academic_year TEXT NOT NULL,
    stage TEXT NOT NULL,
    work_group_id BIGINT NULL REFERENCES work_groups (id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'accepted', 'waitlisted', 'declined', 'withdrawn')),
    advocate_1_name TEXT NOT NULL DEFAULT '',
    advocate_1_email TEXT NOT NULL DEFAULT '',
    advocate_2_name TEXT NOT NULL DEFAULT '',
    advocate_2_email TEXT NOT NULL DEFAULT '',
    senior_leader_name TEXT NOT NULL DEFAULT '',
    senior_leader_role TEXT NOT NULL DEFAULT '',
    senior_leader_statement TEXT NOT NULL DEFAULT '',
    release_time_confirmed BOOLEAN NOT NULL DEFAULT FALSE,
    decision_reason TEXT NULL,
    created_by BIGINT NULL REFERENCES people (id),
    created_at TIMESTAMP NOT NULL,
    submitted_at TIMESTAMP NULL,
    decided_at TIMESTAMP NULL
);
CREATE INDEX applications_school ON applications (urn, academic_year);
CREATE INDEX applications_work_group ON applications (work_group_id);
