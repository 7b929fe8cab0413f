#pragma once

#include <QColor>
#include <QList>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <vector>

class QIODevice;
class QPainter;
class QRectF;

namespace faultline::exporting {

// The page's colours: light = white page, dark = dark page (the reader chose it for a screen).
struct ReportStyle
{
    QColor page;
    QColor text;
    QColor muted;
    QColor rule; // table lines, footer line
    QColor headerFill; // table header band
    QColor accent; // headings
    static ReportStyle light();
    static ReportStyle dark();
};

// A table that continues across pages: the header row is repeated on every page it reaches, long
// cells wrap inside their column (never clipped, never wider than the page), no row is lost.
struct ReportTable
{
    QStringList headers;
    QList<QStringList> rows; // each as many cells as headers
    QList<bool> rightAligned; // per column (numbers); missing entries are left-aligned
    QString caption; // above the table, repeated with "(continued)" on later pages
};

// A multi-page A4 document built from blocks (headings, paragraphs, tables, charts), paginated once
// all blocks are known so every footer can say "Page N of M". Painting goes through QPdfWriter at
// 96 dpi — the widgets' own resolution — so a chart widget rendered into the page keeps its point
// sizes and stays vector graphics.
class ReportDocument
{
public:
    // Paints a chart into `target` (page coordinates); the document scales nothing itself.
    using ChartPainter = std::function<void(QPainter& painter, const QRectF& target)>;

    explicit ReportDocument(const ReportStyle& style);
    ~ReportDocument();
    ReportDocument(const ReportDocument&) = delete;
    ReportDocument& operator=(const ReportDocument&) = delete;

    void setFooterText(const QString& text); // left of "Page N of M" on every page
    void addTitle(const QString& text); // the cover's large title
    void addHeading(const QString& text); // a section; kept on the page of what follows it
    void addSubheading(const QString& text);
    void addParagraph(const QString& text, bool muted = false);
    void addTable(ReportTable table);
    // `naturalSize` is the chart's size in widget pixels: it is scaled down to the text width (and at
    // most half a page high), keeping its proportions, and never split across pages.
    void addChart(const QString& caption, const QSizeF& naturalSize, ChartPainter paint);
    void addPageBreak();

    // Paginates and paints every page into `device` as PDF. `progress(done, total)` is called after
    // each page; returning false stops (the device then holds an incomplete file: the caller drops it).
    // False with `error` set when painting fails or is cancelled.
    bool write(QIODevice* device, const QString& title, QString* error,
               const std::function<bool(int done, int total)>& progress = {});
    // After write(): how many pages it made.
    int pageCount() const { return m_pageCount; }

private:
    struct Block;
    struct Placement;
    class Layout;

    ReportStyle m_style;
    QString m_footer;
    std::vector<std::unique_ptr<Block>> m_blocks;
    int m_pageCount = 0;
};

} // namespace faultline::exporting
