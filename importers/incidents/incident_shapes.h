#pragma once

#include "common/json_node.h"

#include <QString>

#include <optional>

namespace faultline::importers::incidents {

// How each incident export's records look, shared by detection and the importers (which must tell
// record kinds apart within one format). Each takes any JSON value and is false for non-objects.

// A PagerDuty incident (REST API v2 `GET /incidents`, `GET /incidents/{id}`).
bool isPagerDutyIncident(const json::Node& r);
// A PagerDuty analytics raw incident (`POST /analytics/raw/incidents`).
bool isPagerDutyAnalytics(const json::Node& r);
// An Opsgenie alert or incident: both have tinyId and message.
bool isOpsgenieRecord(const json::Node& r);
// An Opsgenie incident (impact dates, impacted services, links); otherwise an alert.
bool isOpsgenieIncident(const json::Node& r);
// A Jira issue (`key` and a `fields` object).
bool isJiraIssue(const json::Node& r);

// The incident format of a file ("pagerduty", "opsgenie", "jira", "csv") from its content; throws
// ImportError "<file>: not an incident export: …" for anything else.
QString detectIncidentFormat(const QString& path);

// The format of one JSON document root, nullopt when it is none of the incident exports.
std::optional<QString> detectJsonFormat(const json::Node& root);

} // namespace faultline::importers::incidents
