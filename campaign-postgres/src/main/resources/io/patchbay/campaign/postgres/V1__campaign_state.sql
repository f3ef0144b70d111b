-- Version 1 of the campaign state: one row per campaign, per wave and per client.
CREATE TABLE patchbay_campaign (
  name                text        PRIMARY KEY,
  catalog_serial      bigint      NOT NULL,
  catalog_fingerprint text        NOT NULL,
  command             text        NOT NULL DEFAULT 'RESUME',
  finished            text,
  created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE patchbay_wave (
  campaign   text        NOT NULL REFERENCES patchbay_campaign (name) ON DELETE CASCADE,
  wave       integer     NOT NULL,
  size       integer     NOT NULL,
  failed     integer     NOT NULL DEFAULT 0,
  decision   text,
  reason     text,
  decided_by text,
  decided_at timestamptz,
  PRIMARY KEY (campaign, wave)
);

CREATE TABLE patchbay_client (
  campaign        text        NOT NULL,
  client_id       text        NOT NULL,
  wave            integer     NOT NULL,
  position        integer     NOT NULL,
  lease_owner     text,
  lease_expires   timestamptz,
  leases          integer     NOT NULL DEFAULT 0,
  step            text,
  step_file       text,
  step_attempt    integer,
  step_at         timestamptz,
  status          text,
  attempts        integer,
  failed_step     text,
  reason          text,
  anomalies       integer,
  bytes_to_client bigint,
  elapsed_millis  bigint,
  done_by         text,
  done_at         timestamptz,
  PRIMARY KEY (campaign, client_id),
  FOREIGN KEY (campaign, wave) REFERENCES patchbay_wave (campaign, wave) ON DELETE CASCADE
);

-- What a lease looks for: the clients of a wave without an outcome, in directory order.
CREATE INDEX patchbay_client_open ON patchbay_client (campaign, wave, position)
  WHERE status IS NULL;
