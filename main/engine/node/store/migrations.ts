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
];
