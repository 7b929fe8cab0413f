#pragma once

#include "metrics/metrics_options.h"

#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <utility>

namespace faultline::gui {

// What the filter bar selects, shared by every view and stored per workspace. A value: compare,
// copy, store as JSON, turn into metrics::MetricsOptions.
struct FilterState
{
    enum class Range
    {
        Days30,
        Days90,
        Days180,
        Quarter, // the calendar quarter holding the workspace's latest activity
        Custom // customFrom … customTo, both days included
    };
    enum class AiSegment
    {
        All,
        Ai,
        NotAi,
        SideBySide
    };

    Range range = Range::Days90;
    QDate customFrom;
    QDate customTo;
    QStringList services; // empty: all
    QString environmentRule; // regular expression; empty: the workspace's production rule
    AiSegment segment = AiSegment::SideBySide;

    bool operator==(const FilterState& other) const = default;

    // [from, to) in UTC epoch ms. Presets end at anchorMs: midnight (UTC) after the workspace's
    // latest activity (metrics::defaultWindow), so a workspace shows the same numbers whenever it is
    // opened. An invalid custom range falls back to 90 days.
    std::pair<std::int64_t, std::int64_t> period(std::int64_t anchorMs) const;
    metrics::MetricsOptions options(std::int64_t anchorMs) const;
    // The segment a headline shows: All for "all" and "side by side".
    metrics::Segment headlineSegment() const;

    QJsonObject toJson() const;
    // Unknown or missing fields keep their defaults: a file from an older build still loads.
    static FilterState fromJson(const QJsonObject& json);

    static QString rangeLabel(Range range);
    static QString segmentLabel(AiSegment segment);
    // "Last 90 days: 2026-02-01 – 2026-05-01 · 2 services · AI-assisted vs not"
    QString describe(std::int64_t anchorMs) const;
};

} // namespace faultline::gui
