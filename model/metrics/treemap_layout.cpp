#include "metrics/treemap_layout.h"

#include <algorithm>
#include <limits>

namespace faultline::metrics {

namespace {

// The worst aspect ratio of a row of `areas` laid along a side of length `side`.
double worstRatio(const std::vector<double>& areas, double side)
{
    if (areas.empty() || side <= 0)
        return std::numeric_limits<double>::infinity();
    double sum = 0;
    double largest = 0;
    double smallest = std::numeric_limits<double>::infinity();
    for (const double a : areas) {
        sum += a;
        largest = std::max(largest, a);
        smallest = std::min(smallest, a);
    }
    const double side2 = side * side;
    const double sum2 = sum * sum;
    return std::max(side2 * largest / sum2, sum2 / (side2 * smallest));
}

} // namespace

std::vector<QRectF> squarify(const std::vector<double>& weights, const QRectF& bounds)
{
    std::vector<QRectF> out(weights.size());
    double total = 0;
    for (const double w : weights)
        total += std::max(0.0, w);
    if (total <= 0 || bounds.width() <= 0 || bounds.height() <= 0)
        return out;
    const double scale = bounds.width() * bounds.height() / total;

    QRectF free = bounds;
    std::vector<size_t> row;
    std::vector<double> rowAreas;
    // Lays the row out along the shorter side of what is left, then shrinks the free space.
    const auto placeRow = [&] {
        double rowArea = 0;
        for (const double a : rowAreas)
            rowArea += a;
        const bool alongWidth = free.width() >= free.height(); // row is a column at the left
        if (alongWidth) {
            const double thickness = free.height() > 0 ? rowArea / free.height() : 0;
            double y = free.top();
            for (size_t i = 0; i < row.size(); ++i) {
                const double h = thickness > 0 ? rowAreas[i] / thickness : 0;
                out[row[i]] = QRectF(free.left(), y, thickness, h);
                y += h;
            }
            free.setLeft(free.left() + thickness);
        } else {
            const double thickness = free.width() > 0 ? rowArea / free.width() : 0;
            double x = free.left();
            for (size_t i = 0; i < row.size(); ++i) {
                const double w = thickness > 0 ? rowAreas[i] / thickness : 0;
                out[row[i]] = QRectF(x, free.top(), w, thickness);
                x += w;
            }
            free.setTop(free.top() + thickness);
        }
        row.clear();
        rowAreas.clear();
    };

    for (size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] <= 0)
            continue;
        const double area = weights[i] * scale;
        const double side = std::min(free.width(), free.height());
        std::vector<double> grown = rowAreas;
        grown.push_back(area);
        if (!rowAreas.empty() && worstRatio(grown, side) > worstRatio(rowAreas, side))
            placeRow();
        row.push_back(i);
        rowAreas.push_back(area);
    }
    if (!row.empty())
        placeRow();
    return out;
}

QString parentDirectory(const QString& path)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? QString() : path.left(slash);
}

std::vector<DirectoryTile> directoryTiles(const std::map<QString, std::int64_t>& headLinesByPath,
                                          const std::map<QString, ReworkBucket>& byDirectory)
{
    std::map<QString, std::int64_t> lines;
    for (const auto& [path, count] : headLinesByPath)
        lines[parentDirectory(path)] += count;
    std::vector<DirectoryTile> out;
    for (const auto& [directory, count] : lines) {
        if (count <= 0)
            continue;
        DirectoryTile tile;
        tile.directory = directory;
        tile.linesAtHead = count;
        const auto bucket = byDirectory.find(directory);
        if (bucket != byDirectory.end()) {
            tile.addedLines = bucket->second.addedLines;
            tile.churnedLines = bucket->second.churnedLines;
            tile.aiChurnedLines = bucket->second.aiChurnedLines;
            tile.churnRate = bucket->second.churnRate;
        }
        out.push_back(std::move(tile));
    }
    std::sort(out.begin(), out.end(), [](const DirectoryTile& a, const DirectoryTile& b) {
        if (a.linesAtHead != b.linesAtHead)
            return a.linesAtHead > b.linesAtHead;
        return a.directory < b.directory;
    });
    return out;
}

std::vector<DirectoryTile> directoryTilesByAddedLines(const std::map<QString, ReworkBucket>& byDirectory)
{
    std::vector<DirectoryTile> out;
    for (const auto& [directory, bucket] : byDirectory) {
        if (bucket.addedLines <= 0)
            continue;
        out.push_back({ directory, 0, bucket.addedLines, bucket.churnedLines, bucket.aiChurnedLines,
                        bucket.churnRate });
    }
    std::sort(out.begin(), out.end(), [](const DirectoryTile& a, const DirectoryTile& b) {
        if (a.addedLines != b.addedLines)
            return a.addedLines > b.addedLines;
        return a.directory < b.directory;
    });
    return out;
}

} // namespace faultline::metrics
