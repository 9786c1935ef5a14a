// Numbered schema migrations, applied in order at start-up inside one transaction each.
// PRAGMA user_version records the last applied number. Never edit a shipped migration:
// add the next one.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE settings (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL);
      CREATE TABLE secrets (name TEXT PRIMARY KEY, value BLOB NOT NULL);
      CREATE TABLE categories (id TEXT PRIMARY KEY, prefix TEXT NOT NULL UNIQUE, json TEXT NOT NULL);
      CREATE TABLE windows (id TEXT PRIMARY KEY, number INTEGER NOT NULL UNIQUE, json TEXT NOT NULL);
      CREATE TABLE calendar (date TEXT PRIMARY KEY, json TEXT NOT NULL);
      CREATE TABLE notices (id TEXT PRIMARY KEY, json TEXT NOT NULL);
      CREATE TABLE service_items (id TEXT PRIMARY KEY, json TEXT NOT NULL);
      CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        staff_id TEXT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE devices (
        id TEXT PRIMARY KEY,
        json TEXT NOT NULL,
        token_hash TEXT UNIQUE,
        pairing_code_hash TEXT,
        pairing_expires_at INTEGER,
        last_seen_at INTEGER,
        faults_json TEXT NOT NULL DEFAULT '[]'
      );

      -- One row per ticket ever issued: its current state. History is in events.
      CREATE TABLE tickets (
        id TEXT PRIMARY KEY,
        hall_day TEXT NOT NULL,
        number TEXT NOT NULL,
        issue_category_id TEXT NOT NULL,
        serial INTEGER NOT NULL,
        category_id TEXT NOT NULL,
        state TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        finished_at INTEGER,
        service_minutes REAL,
        public_token TEXT NOT NULL UNIQUE,
        person_key TEXT,
        json TEXT NOT NULL,
        -- The hall's promise: a number is never handed out twice in one hall day.
        UNIQUE (hall_day, issue_category_id, serial),
        UNIQUE (hall_day, number)
      );
      -- Start-up seeks the open states and today's no-shows; it never scans history.
      CREATE INDEX tickets_state ON tickets (state, hall_day);
      CREATE INDEX tickets_recent_finished ON tickets (category_id, finished_at)
        WHERE state = 'finished';
      CREATE INDEX tickets_person ON tickets (person_key) WHERE person_key IS NOT NULL;
      CREATE INDEX tickets_issued ON tickets (issued_at);

      -- Append-only: one row per state change, numbered hall-wide.
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        hall_day TEXT NOT NULL,
        type TEXT NOT NULL,
        ticket_id TEXT,
        window_id TEXT,
        actor_kind TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX events_ticket ON events (ticket_id) WHERE ticket_id IS NOT NULL;
      CREATE INDEX events_calls ON events (hall_day, type) WHERE type IN ('ticket:called', 'ticket:recalled');
      CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

      CREATE TABLE window_states (window_id TEXT PRIMARY KEY, json TEXT NOT NULL);

      CREATE TABLE idempotency (
        key TEXT PRIMARY KEY,
        ticket_id TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX idempotency_created ON idempotency (created_at);

      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        actor_kind TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail_json TEXT NOT NULL
      );
      CREATE INDEX audit_at ON audit (at);

      CREATE TABLE ratings (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        ticket_id TEXT,
        window_id TEXT NOT NULL,
        level TEXT NOT NULL,
        source TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'help requests and clerk figures',
    sql: `
      CREATE TABLE help_requests (
        id TEXT PRIMARY KEY,
        device_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        resolved_at INTEGER,
        json TEXT NOT NULL
      );
      CREATE INDEX help_requests_open ON help_requests (at) WHERE resolved_at IS NULL;
      -- A clerk's figures for the day read only that clerk's events of that day.
      CREATE INDEX events_actor_day ON events (actor_id, hall_day);
    `,
  },
  {
    version: 3,
    name: 'self-service forms: uploaded definitions and submissions',
    sql: `
      -- Definitions an admin uploaded; the shipped ones load from fixtures/forms.
      CREATE TABLE form_definitions (
        form_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        json TEXT NOT NULL,
        uploaded_at INTEGER NOT NULL,
        uploaded_by TEXT NOT NULL,
        PRIMARY KEY (form_id, version)
      );
      -- Filled forms. The person's data, corrections and decision reasons are in sealed
      -- (AES-256-GCM, see hall-server/src/forms/sealing.ts); nothing personal in clear.
      CREATE TABLE form_submissions (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        idempotency_key TEXT NOT NULL UNIQUE,
        request_digest TEXT NOT NULL,
        form_id TEXT NOT NULL,
        form_version INTEGER NOT NULL,
        device_id TEXT,
        created_by TEXT NOT NULL,
        ticket_id TEXT,
        ticket_number TEXT,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        decided_at INTEGER,
        sealed BLOB NOT NULL
      );
      CREATE INDEX form_submissions_ticket ON form_submissions (ticket_id) WHERE ticket_id IS NOT NULL;
      CREATE INDEX form_submissions_undecided ON form_submissions (created_at) WHERE status = 'submitted';
    `,
  },
  {
    version: 4,
    name: 'certificates: published documents, who may print them, prints and mail requests',
    sql: `
      -- 证照打印. Names, ID numbers, credit codes and the document's lines are in sealed
      -- (AES-256-GCM, hall-server/src/forms/sealing.ts), NULL once purged; the verification
      -- facts (type, issuer, validity, status) stay so a printed copy can still be checked.
      CREATE TABLE certificates (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        idempotency_key TEXT NOT NULL UNIQUE,
        request_digest TEXT NOT NULL,
        type_id TEXT NOT NULL,
        holder_kind TEXT NOT NULL,
        issuer TEXT NOT NULL,
        valid_from TEXT NOT NULL,
        valid_until TEXT,
        status TEXT NOT NULL,
        print_limit INTEGER NOT NULL,
        print_count INTEGER NOT NULL DEFAULT 0,
        content_hash TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        published_by TEXT NOT NULL,
        revoked_at INTEGER,
        revoked_reason TEXT,
        replaced_by TEXT,
        first_printed_at INTEGER,
        purged_at INTEGER,
        sealed BLOB
      );
      -- Who may print: HMAC person keys (service/identity.ts), never ID numbers.
      CREATE TABLE certificate_entitlements (
        certificate_id TEXT NOT NULL REFERENCES certificates (id) ON DELETE CASCADE,
        person_key TEXT NOT NULL,
        role TEXT NOT NULL,
        PRIMARY KEY (certificate_id, person_key)
      );
      CREATE INDEX certificate_entitlements_person ON certificate_entitlements (person_key);
      CREATE TABLE certificate_prints (
        id TEXT PRIMARY KEY,
        certificate_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        device_id TEXT NOT NULL,
        person_key TEXT NOT NULL,
        reprint INTEGER NOT NULL,
        reason TEXT,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        outcome TEXT NOT NULL,
        fault_code TEXT
      );
      CREATE INDEX certificate_prints_certificate ON certificate_prints (certificate_id);
      CREATE TABLE certificate_mail_requests (
        id TEXT PRIMARY KEY,
        certificate_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        device_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        status TEXT NOT NULL,
        sent_at INTEGER,
        sealed BLOB
      );
    `,
  },
  {
    version: 5,
    name: 'floor plans (餐饮平面图) saved from kiosks',
    sql: `
      -- The plan document and its rule-check report are in sealed (AES-256-GCM, see
      -- hall-server/src/forms/sealing.ts): the title block names the operator and the address.
      CREATE TABLE floor_plans (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        idempotency_key TEXT NOT NULL UNIQUE,
        request_digest TEXT NOT NULL,
        revision INTEGER NOT NULL,
        rule_set_id TEXT NOT NULL,
        device_id TEXT,
        created_by TEXT NOT NULL,
        ticket_id TEXT,
        ticket_number TEXT,
        submission_id TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        sealed BLOB NOT NULL
      );
      CREATE INDEX floor_plans_ticket ON floor_plans (ticket_id) WHERE ticket_id IS NOT NULL;
      CREATE INDEX floor_plans_updated ON floor_plans (updated_at);
    `,
  },
  {
    version: 6,
    name: 'certificates: documents published as an uploaded PDF',
    sql: `
      -- 'template' documents print from their type's template and sealed lines; 'pdf' ones
      -- from the department's own PDF, kept sealed (AES-256-GCM, bound to the document's id)
      -- in certificate_files and deleted when the document's personal data is purged.
      ALTER TABLE certificates ADD COLUMN source TEXT NOT NULL DEFAULT 'template';
      ALTER TABLE certificates ADD COLUMN page_count INTEGER;
      CREATE TABLE certificate_files (
        certificate_id TEXT PRIMARY KEY REFERENCES certificates (id) ON DELETE CASCADE,
        byte_length INTEGER NOT NULL,
        sealed BLOB NOT NULL
      );
    `,
  },
];
