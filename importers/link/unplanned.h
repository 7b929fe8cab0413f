#pragma once

#include "link_data.h"
#include "pr_links.h"

namespace faultline::importers::link {

// Unplanned deployments (METRICS.md, deployment rework rate): of every successful or failed
// deployment, whether it is a rollback; its changeset holds a revert ("This reverts commit <sha>");
// a hotfix shows in its ref, a PR's head branch or label, or a commit subject
// (hotfix|hot-fix|emergency); or, in production, it finished while an incident of the same service
// (by repository for incidents without one) was open and that incident resolved within 24 h after
// it. Sets is_unplanned and writes links of kind unplanned to each piece of evidence: the rolled
// back deployment, the revert or hotfix commit, the hotfix PR, the incident (the deployment itself
// for a hotfix ref).
void findUnplanned(const LinkData& data, const PrIndex& prs, LinkResult& result);

} // namespace faultline::importers::link
