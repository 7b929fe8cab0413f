#include "chart_image.h"

#include <QBuffer>
#include <QFontMetrics>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

namespace faultline::exporting {

namespace {

bool saveBytes(const QString& path, const QByteArray& bytes, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

QFont titleFont(const QWidget* chart)
{
    QFont font = chart->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    return font;
}

int titleHeight(const QWidget* chart)
{
    return QFontMetrics(titleFont(chart)).height() * 2;
}

QSize imageSize(const QWidget* chart)
{
    return chart->size() + QSize(0, titleHeight(chart));
}

// The background, the title line, then the chart's own painting below it.
void paintChart(QPainter& painter, QWidget* chart, const QString& title)
{
    // Charts paint on their card's colour, which neither the widget palette nor a transparent chart
    // background tells: take the colour the chart actually paints at its corner.
    const QColor background = chart->grab(QRect(0, 0, 2, 2)).toImage().pixelColor(1, 1);
    const QColor text = background.lightness() < 128 ? QColor(0xe6, 0xe8, 0xeb) : QColor(0x1f, 0x23, 0x28);
    painter.fillRect(QRect(QPoint(0, 0), imageSize(chart)), background);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(titleFont(chart));
    painter.setPen(text);
    const int band = titleHeight(chart);
    painter.drawText(QRect(12, 0, chart->width() - 24, band), Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetrics(painter.font()).elidedText(title, Qt::ElideRight, chart->width() - 24));
    chart->render(&painter, QPoint(0, band), QRegion(),
                  QWidget::DrawWindowBackground | QWidget::DrawChildren);
}

} // namespace

QImage renderChartImage(QWidget* chart, const QString& title, qreal scale)
{
    QImage image((QSizeF(imageSize(chart)) * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    QPainter painter(&image);
    paintChart(painter, chart, title);
    painter.end();
    return image;
}

QByteArray renderChartSvg(QWidget* chart, const QString& title)
{
    QByteArray svg;
    QBuffer buffer(&svg);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(imageSize(chart));
    generator.setViewBox(QRect(QPoint(0, 0), imageSize(chart)));
    generator.setTitle(title);
    generator.setDescription(QStringLiteral("Exported from Faultline"));
    QPainter painter(&generator);
    paintChart(painter, chart, title);
    painter.end();
    return svg;
}

bool writeChartPng(QWidget* chart, const QString& path, const QString& title, QString* error)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    if (!writer.write(renderChartImage(chart, title))) {
        if (error)
            *error = QStringLiteral("cannot encode %1: %2").arg(path, writer.errorString());
        return false;
    }
    return saveBytes(path, png, error);
}

bool writeChartSvg(QWidget* chart, const QString& path, const QString& title, QString* error)
{
    return saveBytes(path, renderChartSvg(chart, title), error);
}

} // namespace faultline::exporting
