#pragma once

#include "link_data.h"

namespace faultline::importers::link {

// Rollbacks (METRICS.md, change failure rate (b)): a successful deployment of an sha that an
// earlier successful deployment of the same service and environment deployed, while another sha is
// live, undoes the successful deployments since that sha was last deployed; a redeploy of the live
// sha is none. An explicit rollback target (helm "Rollback to 2") undoes those after the target.
// Sets is_rollback, fills result.undone and writes links of kind rollback to each undone deployment.
void findRollbacks(const LinkData& data, LinkResult& result);

} // namespace faultline::importers::link
