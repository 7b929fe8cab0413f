#pragma once

#include "metrics/code_rework.h"

#include <QRectF>
#include <QString>

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace faultline::metrics {

// Squarified treemap (Bruls, Huizing, van Wijk 2000): rectangles whose areas are proportional to
// `weights` and whose aspect ratios stay close to 1, filling `bounds` exactly. Weights must be sorted
// descending for the aspect ratios to hold; non-positive weights get an empty rectangle. The result
// has one rectangle per weight, in the same order.
std::vector<QRectF> squarify(const std::vector<double>& weights, const QRectF& bounds);

// One directory of the rework treemap: its size is the lines of its files at the imported head
// (directly in it, not in sub-directories — the same key as CodeRework::byDirectory), its colour the
// churn rate of the period from CodeRework::byDirectory.
struct DirectoryTile
{
    QString directory; // "" for repository roots
    std::int64_t linesAtHead = 0;
    std::int64_t addedLines = 0; // in the period
    std::int64_t churnedLines = 0;
    std::int64_t aiChurnedLines = 0;
    std::optional<double> churnRate;
};

// Lines at head per file path (across repositories) folded into directories and joined with the
// period's churn per directory. Directories without lines at head are dropped (nothing to size them
// by); the result is sorted by lines at head descending, then directory.
std::vector<DirectoryTile> directoryTiles(const std::map<QString, std::int64_t>& headLinesByPath,
                                          const std::map<QString, ReworkBucket>& byDirectory);

// The fallback for histories imported without file contents at head (no line spans): the period's
// directories sized by the lines added in the period (linesAtHead stays 0), largest first.
std::vector<DirectoryTile> directoryTilesByAddedLines(const std::map<QString, ReworkBucket>& byDirectory);

// The parent folder of a path, "" at the root: the key CodeRework::byDirectory uses.
QString parentDirectory(const QString& path);

} // namespace faultline::metrics
