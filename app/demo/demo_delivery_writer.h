#pragma once

#include "demo/demo_plan.h"

#include <QStringList>

namespace faultline::demo {

// Writes the plan's deployments (generic CSV and Argo CD history), incidents (PagerDuty) and pull
// requests (`gh pr list --json`) into `dir`; returns the files written. `shas` are the git writer's
// commit ids, by index into Plan::commits.
//
// Files, each in the shape the real tool exports (and `detectInputs` recognises):
//   deployments/deployments.csv                  Faultline's deployment CSV (columns of
//                                                tests/data/deployments/deployments.csv)
//   deployments/argocd/<service>-<env>.yaml      `argocd app get <env>/<service> -o yaml`: one
//                                                Application per service and environment, named like
//                                                the service, destination namespace = environment
//   incidents/pagerduty_incidents_<page>.json    PagerDuty REST v2 `GET /incidents` pages of 100
//   pull-requests/gh_pr_list.json                `gh pr list --state merged --json …`, newest first
//
// Argo CD keeps only successful syncs in status.history: a failed Argo CD deployment is written as
// the Application's status.operationState (phase Failed) when it is the app's last operation, and
// otherwise into the CSV, where the deploy pipeline would have recorded it.
// Timestamps are written to the second (ISO-8601 UTC). Throws std::runtime_error when a file cannot
// be written and std::invalid_argument when the plan names a commit `shas` does not hold.
QStringList writeDeliveryExports(const Plan& plan, const std::vector<QString>& shas, const QString& dir);

// Where the links the importers compute would differ from the plan: PagerDuty exports name no
// deployment, so an incident is linked by time alone (the latest successful production deployment
// of its service finished at most 72 h before it, METRICS.md "Incident ↔ deployment link"). One text
// per incident whose Incident::causedBy is not the deployment that rule finds; empty when the plan
// tells the same story the linker will.
QStringList incidentLinkMismatches(const Plan& plan);

} // namespace faultline::demo
