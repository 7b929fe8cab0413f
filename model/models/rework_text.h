#pragma once

#include "metrics/code_rework.h"
#include "metrics/repeat_incidents.h"

#include <QString>

#include <cstdint>

namespace faultline::models {

// The wording the Rework and Incidents views share: METRICS.md definitions for tooltips, and the
// formatting of rates and durations.

QString percentText(double ratio); // "12.5 %"
QString hoursText(double hours); // "36 min", "5.2 h", "3.1 d"

// METRICS.md "Code rework (line level)", with the window in days.
QString churnDefinition(int windowDays);
// METRICS.md "Rework hotspot".
QString hotspotDefinition();
// METRICS.md "Repeat incidents".
QString repeatDefinition();

QString hotspotToolTip(const metrics::ReworkHotspot& hotspot, int windowDays);
QString hotspotColumnToolTip(int column, int windowDays);
// Why a churn row counts: "<lines> lines of <origin> (AI-assisted) deleted or modified by <removing>
// after <age>, within the <W>-day window".
QString churnReason(const metrics::ChurnContribution& row, int windowDays);

} // namespace faultline::models
