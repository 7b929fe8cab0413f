#pragma once

#include "link_data.h"
#include "link_settings.h"
#include "pr_links.h"
#include "service_paths.h"

namespace faultline::importers::link {

// Each deployment's production flag and deployed commit: the commit with its sha in any imported
// repository, preferring the repository named by the deployment (repository, then service). A sha
// in none of them, or none at all, leaves the deployment without known commits, with a note why.
void resolveDeployments(const LinkData& data, const LinkSettings& settings, LinkResult& result);

// The changeset of every successful or failed deployment (METRICS.md "Changeset of a deployment"):
// git's base..deployed, where base is the previous successful deployment of the same service and
// environment whose sha is in the same repository; kept to the service's path prefix where the
// repository holds several services; a squash or merge commit of a PR with listed commits replaced
// by those commits (stands_for = the squash sha), so lead time starts at the first real commit.
// Fills result.changes, changeCommit, changesOf and each deployment's previous_id, changeset_size,
// changeset_note and ai_share.
void computeChangesets(const LinkData& data, const ServicePaths& paths, const PrIndex& prs,
                       LinkResult& result);

} // namespace faultline::importers::link
