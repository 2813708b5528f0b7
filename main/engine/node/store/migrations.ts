// Schema migrations, applied in order; the index + 1 is PRAGMA user_version. Never edit a
// migration that has shipped: add a new one.
export const migrations: readonly string[] = [
  `
  CREATE TABLE cameras (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    main_url TEXT NOT NULL,
    sub_url TEXT,
    username TEXT,
    password TEXT,
    transport TEXT NOT NULL DEFAULT 'tcp' CHECK (transport IN ('tcp', 'udp')),
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX cameras_category ON cameras(category);
  CREATE TABLE wall_layouts (
    wall_id TEXT NOT NULL,
    display_id TEXT NOT NULL,
    grid INTEGER NOT NULL,
    tiles TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (wall_id, display_id)
  );
  `,
  // 2: emergency call boxes and their alert queue, with the audit trail. The CHECK lists
  // are spelled out (not built from the domain constants) so this text never changes once shipped.
  `
  CREATE TABLE call_boxes (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    camera_id TEXT,
    key_hash TEXT,
    revoked_at INTEGER,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    box_id TEXT NOT NULL REFERENCES call_boxes(id),
    kind TEXT NOT NULL CHECK (kind IN ('panic', 'emergency')),
    state TEXT NOT NULL CHECK (state IN ('ringing', 'escalated', 'answered', 'on_hold', 'dropped', 'ended', 'closed')),
    press_id TEXT NOT NULL UNIQUE,
    raised_at INTEGER NOT NULL,
    pressed_at INTEGER,
    operator TEXT,
    answered_at INTEGER,
    escalated_at INTEGER,
    closed_at INTEGER,
    outcome TEXT CHECK (outcome IN ('valid', 'false_alarm', 'test', 'prank')),
    note TEXT,
    incident_cameras TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(incident_cameras))
  );
  -- The live queue reads only open alerts; closed ones pile up for ever and are read newest first.
  CREATE INDEX alerts_open ON alerts(box_id, state) WHERE state <> 'closed';
  CREATE INDEX alerts_closed ON alerts(closed_at, id) WHERE state = 'closed';
  -- An operator is on at most one live call: answering another puts the first on hold first.
  CREATE UNIQUE INDEX alerts_one_call_per_operator ON alerts(operator) WHERE state = 'answered';
  CREATE TABLE alert_history (
    id INTEGER PRIMARY KEY,
    alert_id TEXT NOT NULL REFERENCES alerts(id),
    at INTEGER NOT NULL,
    state TEXT NOT NULL,
    actor TEXT NOT NULL
  );
  CREATE INDEX alert_history_alert ON alert_history(alert_id, id);
  -- AUTOINCREMENT: audit ids are never reused, even after the newest rows are deleted.
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT CHECK (detail IS NULL OR json_valid(detail))
  );
  CREATE INDEX audit_log_target ON audit_log(target, id);
  `,
  // 3: users who log in. Passwords are scrypt hashes; login sessions keep only a
  // hash of their resume token, so a copied database lets nobody in.
  `
  CREATE TABLE users (
    username TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('operator', 'supervisor', 'installer', 'wall')),
    password_hash TEXT NOT NULL,
    disabled_at INTEGER,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE login_sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users(username),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX login_sessions_user ON login_sessions(username);
  `,
  // 4: the city inventory. Credentials move to one sealed column (AES-256-GCM, see
  // store/secret-box.ts); the engine seals what the plaintext username/password columns held the
  // first time it opens the file with its key, and leaves them NULL from then on. search_text is
  // name, place and category lower-cased in JavaScript (SQLite's lower() knows only ASCII), filled
  // for existing rows by the same step: a word search is one LIKE per row instead of six calls, and
  // its count scans the narrow search_text index instead of the wide rows.
  `
  ALTER TABLE cameras ADD COLUMN onvif_url TEXT;
  ALTER TABLE cameras ADD COLUMN credentials TEXT;
  ALTER TABLE cameras ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
  DROP INDEX cameras_category;
  CREATE INDEX cameras_category_name ON cameras(category, name);
  CREATE INDEX cameras_name ON cameras(name);
  CREATE INDEX cameras_search ON cameras(search_text);
  `,
  // 5: video walls: a wall's grid of displays, the cameras spanning displays, and named
  // presets of a whole wall. Per-display grids stay in wall_layouts.
  `
  CREATE TABLE walls (
    id TEXT PRIMARY KEY,
    definition TEXT NOT NULL CHECK (json_valid(definition)),
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE wall_spans (
    wall_id TEXT PRIMARY KEY,
    spans TEXT NOT NULL CHECK (json_valid(spans)),
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE wall_presets (
    wall_id TEXT NOT NULL,
    name TEXT NOT NULL,
    layouts TEXT NOT NULL CHECK (json_valid(layouts)),
    spans TEXT NOT NULL CHECK (json_valid(spans)),
    saved_by TEXT NOT NULL,
    saved_at INTEGER NOT NULL,
    PRIMARY KEY (wall_id, name)
  );
  `,
  // 6: workstations (engines that keep a cache of the site and work on when it is gone), each with
  // its own key stored as a SHA-256 hash; requests already applied, so a write retried from a
  // workstation's outbox applies once; and who first acknowledged an alert.
  `
  CREATE TABLE workstations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    key_hash BLOB,
    revoked_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE applied_requests (
    request_key TEXT PRIMARY KEY,
    method TEXT NOT NULL,
    alert_id TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  );
  ALTER TABLE alerts ADD COLUMN acknowledged_by TEXT;
  ALTER TABLE alerts ADD COLUMN acknowledged_at INTEGER;
  `,
  // 7: a workstation's own side of offline work: the site's open alerts as last known (the queue
  // itself runs only on the site), the outbox of what its operators did while the site was
  // unreachable (each with the request key the site applies once), and when the cache last caught up.
  `
  CREATE TABLE cached_alerts (
    id TEXT PRIMARY KEY,
    alert TEXT NOT NULL CHECK (json_valid(alert)),
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    request_key TEXT NOT NULL UNIQUE,
    username TEXT NOT NULL,
    action TEXT NOT NULL CHECK (json_valid(action)),
    created_at INTEGER NOT NULL,
    delivered_at INTEGER,
    refused TEXT
  );
  CREATE INDEX outbox_pending ON outbox(delivered_at, seq);
  CREATE TABLE site_sync (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    synced_at INTEGER NOT NULL
  );
  `,
  // 8: a wall's control lease and its running tour, so both outlive an engine restart:
  // the holder keeps the wall until expires_at (wall-clock ms), and a tour resumes at `step`. One
  // row per wall; releasing, lapsing, stopping or ending deletes it. The plan's names are checked
  // again at restore rather than by foreign keys: a tour whose wall, presets or cameras are gone
  // ends there with an audited reason.
  `
  CREATE TABLE wall_leases (
    wall_id TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    taken_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE wall_tours (
    wall_id TEXT PRIMARY KEY,
    preset_names TEXT CHECK (preset_names IS NULL OR json_valid(preset_names)),
    camera_ids TEXT CHECK (camera_ids IS NULL OR json_valid(camera_ids)),
    display_id TEXT,
    dwell_s REAL NOT NULL CHECK (dwell_s >= 3),
    started_by TEXT NOT NULL,
    username TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    step INTEGER NOT NULL CHECK (step >= 0),
    step_at INTEGER NOT NULL,
    CHECK ((preset_names IS NULL) <> (camera_ids IS NULL))
  );
  `,
  // 9: offline logins proven with the password (passwords.ts): per user an offline verifier and a
  // carry salt a workstation copies, and the carry key only the site keeps, all made at the next
  // password change or login on the site. A workstation (the one kind of engine that records a
  // site sync) forgets the site's login hashes it copied, and the carries it queued as a digest of
  // one, which the site now refuses: those pages log in again.
  `
  ALTER TABLE users ADD COLUMN offline_verifier TEXT;
  ALTER TABLE users ADD COLUMN carry_salt TEXT;
  ALTER TABLE users ADD COLUMN carry_key TEXT;
  UPDATE users SET password_hash = '' WHERE EXISTS (SELECT 1 FROM site_sync);
  DELETE FROM outbox WHERE json_extract(action, '$.method') = 'session.carry' AND json_extract(action, '$.params.proof') IS NULL;
  `,
  // 10: whether the installer lets a camera that offers only Basic authentication have its password
  // sent readable over plain RTSP (default no). Credentials an older version let stay in a URL
  // (userinfo or a query's user=/password=) are moved into the sealed column by the engine the
  // first time it opens the file with its key (CameraRepo.open), like those of migration 4.
  `
  ALTER TABLE cameras ADD COLUMN allow_basic_auth INTEGER NOT NULL DEFAULT 0 CHECK (allow_basic_auth IN (0, 1));
  `,
  // 11: each wall display's own key (a wall PC or a browser showing that display), stored hashed
  // like a box's; a revoked display may not connect until an installer issues it a new key.
  `
  CREATE TABLE display_keys (
    wall_id TEXT NOT NULL,
    display_id TEXT NOT NULL,
    key_hash TEXT,
    revoked_at INTEGER,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (wall_id, display_id)
  );
  `,
];
