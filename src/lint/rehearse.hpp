#pragma once
// check --rehearse: every migration of a plan applied with its checks, rolled back, and
// applied again on a scratch database; the schema after the rollback must be the one before.
#include "db/url.hpp"
#include "lint/finding.hpp"
#include "lint/trace.hpp"
#include "plan/model.hpp"
#include "runner/observer.hpp"

namespace migrator::lint {

// `plan` must have been loaded for `server`'s dialect. The scratch database is a temporary
// SQLite file, or a database created on `server` and dropped afterwards. A failure or a
// schema that differs after a rollback is a finding (rules rehearse-failed,
// rollback-leaves-objects, rollback-removes-objects). Every migration is rehearsed: after a
// rollback that fails or leaves the schema otherwise, a new scratch database is built up to
// that migration and the rehearsal goes on; it stops only at a migration that does not apply
// (what follows stands on it), and that finding says how many were not rehearsed. A step's
// allow: of a rehearsal rule suppresses its migration's finding of that rule.
//
struct RehearseOptions {
  // When set (PostgreSQL only), each migration's first apply and its rollback are traced
  // (lint/trace.hpp): what every statement locked, rewrote and changed, and how long traffic
  // on the existing tables was blocked; the trace's findings against `limits` are added.
  Trace* trace = nullptr;
  TraceLimits limits;
  // Rehearse on a copy of this database (db::ScratchDatabase's copy_of: a staging copy with
  // real sizes) instead of an empty one: the required plans are not applied (it has them),
  // and the migrations its history holds as applied are not rehearsed, only counted.
  std::string copy_of;
  std::size_t* already_applied = nullptr;  // out: how many that was
};

Findings rehearse(const plan::Plan& plan, const db::Url& server, runner::Observer& observer,
                  RehearseOptions options = {});

}  // namespace migrator::lint
