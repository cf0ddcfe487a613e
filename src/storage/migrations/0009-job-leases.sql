-- Which process runs which job, and when each process last said it was alive: a job whose process died
-- (SIGKILL, a lost node) is handed back to the queue as soon as that is known, not after pg-boss's expiry.
CREATE TABLE job_owners (
  owner_id text PRIMARY KEY,
  host text NOT NULL,
  pid integer NOT NULL,
  -- When that process started: a restarted container may have the same host name and pid.
  boot text NOT NULL,
  heartbeat_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE job_leases (
  job_id text PRIMARY KEY,
  queue text NOT NULL,
  owner_id text NOT NULL,
  taken_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_leases_owner ON job_leases (owner_id);
