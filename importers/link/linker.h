#pragma once

#include "common/file_import.h"
#include "common/progress.h"

namespace faultline::store {
class ImportBatch;
}

namespace faultline::importers::link {

// Recomputes every derived link of the workspace within the batch's transaction (METRICS.md
// "Building blocks"): production flags, deployment changesets, rollbacks, unplanned deployments,
// incident → deployment links, PR → commits, PR → CI runs and bot pull requests. Every import that
// can change a link (git, ci, deploys, incidents, prs) calls it before it commits, so links are
// never stale. Each link row records why it was made.
LinkSummary relink(store::ImportBatch& batch, const ProgressCallback& progress = {});

} // namespace faultline::importers::link
