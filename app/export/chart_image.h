#pragma once

#include <QByteArray>
#include <QImage>
#include <QString>

class QWidget;

namespace faultline::exporting {

// A chart as the window paints it, for slides and documents: Export ▸ PNG / SVG on every chart.
// `chart` is a QChartView or a custom-painted chart widget (the treemap); it must be laid out.

// The chart under a title line (the view shows the title on the card, outside the chart widget; a
// pasted image needs its own). Rendered at `scale` device pixels per pixel: 2 stays sharp on a
// projector and in a document.
QImage renderChartImage(QWidget* chart, const QString& title, qreal scale = 2.0);

// The same painting recorded as SVG through QSvgGenerator: shapes and text stay vectors (and text
// stays searchable), not an embedded bitmap.
QByteArray renderChartSvg(QWidget* chart, const QString& title);

// Written through QSaveFile, so a failed write leaves no half file; false with `error` set.
bool writeChartPng(QWidget* chart, const QString& path, const QString& title, QString* error);
bool writeChartSvg(QWidget* chart, const QString& path, const QString& title, QString* error);

} // namespace faultline::exporting
