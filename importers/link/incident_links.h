#pragma once

#include "link_data.h"
#include "link_settings.h"

namespace faultline::importers::link {

// Incident → deployment links (METRICS.md "Incident ↔ deployment link"), kind incident_deployment.
// Explicit first: the deployment an incident names by external id; by commit sha, the earliest
// successful production deployment of that sha, else the earliest whose changeset holds it; by PR
// (a number or a /pull/N or /merge_requests/N URL), the earliest successful production deployment
// deploying or containing the PR's merge, squash or own commits. Otherwise the latest successful
// production deployment of the incident's service (its repository when it names no service)
// finished within the window before the incident was created.
void linkIncidents(const LinkData& data, const LinkSettings& settings, LinkResult& result);

} // namespace faultline::importers::link
