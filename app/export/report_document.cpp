#include "report_document.h"

#include <QFontMetricsF>
#include <QGuiApplication>
#include <QIODevice>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextLayout>

#include <algorithm>
#include <numeric>

namespace faultline::exporting {

namespace {

// Device units are 1/96 inch: A4 is about 794 × 1123.
constexpr qreal kMarginX = 60;
constexpr qreal kMarginTop = 56;
constexpr qreal kMarginBottom = 72; // room for the footer
constexpr qreal kCellPadX = 5;
constexpr qreal kCellPadY = 3;
constexpr qreal kBlockGap = 10;
constexpr qreal kChartMaxHeightShare = 0.5;

enum class Kind
{
    Title,
    Heading,
    Subheading,
    Paragraph,
    Muted,
    Table,
    Chart,
    PageBreak
};

QFont fontFor(Kind kind)
{
    QFont font = QGuiApplication::font();
    switch (kind) {
    case Kind::Title:
        font.setPointSizeF(22);
        font.setBold(true);
        break;
    case Kind::Heading:
        font.setPointSizeF(15);
        font.setBold(true);
        break;
    case Kind::Subheading:
        font.setPointSizeF(11);
        font.setBold(true);
        break;
    case Kind::Paragraph:
    case Kind::Muted:
        font.setPointSizeF(9.5);
        break;
    case Kind::Table:
    case Kind::Chart:
    case Kind::PageBreak:
        font.setPointSizeF(8);
        break;
    }
    return font;
}

QFont boldFont(QFont font)
{
    font.setBold(true);
    return font;
}

QFont captionFont()
{
    QFont font = QGuiApplication::font();
    font.setPointSizeF(9.5);
    font.setBold(true);
    return font;
}

QFont footerFont()
{
    QFont font = QGuiApplication::font();
    font.setPointSizeF(7.5);
    return font;
}

// Wrapped text, at word boundaries when it can and anywhere when a word is wider than the column
// (a long path or fingerprint), so no text runs past its box.
class WrappedText
{
public:
    WrappedText(const QString& text, const QFont& font, QPaintDevice* device, qreal width,
                Qt::Alignment alignment = Qt::AlignLeft)
        : m_layout(QString(text).replace(QLatin1Char('\n'), QChar::LineSeparator), font, device)
    {
        QTextOption option(alignment);
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        m_layout.setTextOption(option);
        m_layout.beginLayout();
        for (QTextLine line = m_layout.createLine(); line.isValid(); line = m_layout.createLine()) {
            line.setLineWidth(width);
            line.setPosition(QPointF(0, m_height));
            m_height += line.height();
        }
        m_layout.endLayout();
    }
    qreal height() const { return m_height; }
    void draw(QPainter& painter, const QPointF& at) const { m_layout.draw(&painter, at); }

private:
    QTextLayout m_layout;
    qreal m_height = 0;
};

qreal widestLine(const QString& text, const QFontMetricsF& metrics)
{
    qreal widest = 0;
    for (const QString& line : text.split(QLatin1Char('\n')))
        widest = std::max(widest, metrics.horizontalAdvance(line));
    return widest;
}

// Natural widths when they fit (stretched to the full width), else: columns narrower than an even
// share keep their width, the others share what is left in proportion to their natural width.
QList<qreal> fitColumns(QList<qreal> natural, qreal width)
{
    const qreal total = std::accumulate(natural.begin(), natural.end(), qreal(0));
    if (natural.isEmpty() || total <= 0)
        return natural;
    if (total <= width) {
        for (qreal& w : natural)
            w *= width / total;
        return natural;
    }
    QList<bool> fixed(natural.size(), false);
    for (bool changed = true; changed;) {
        changed = false;
        qreal fixedWidth = 0;
        qreal flexibleNatural = 0;
        int flexible = 0;
        for (qsizetype i = 0; i < natural.size(); ++i) {
            if (fixed[i])
                fixedWidth += natural[i];
            else {
                flexibleNatural += natural[i];
                ++flexible;
            }
        }
        const qreal share = flexible ? (width - fixedWidth) / flexible : 0;
        for (qsizetype i = 0; i < natural.size(); ++i)
            if (!fixed[i] && natural[i] <= share) {
                fixed[i] = true;
                changed = true;
            }
        if (!changed) {
            QList<qreal> out = natural;
            for (qsizetype i = 0; i < natural.size(); ++i)
                if (!fixed[i])
                    out[i] = (width - fixedWidth) * natural[i] / flexibleNatural;
            return out;
        }
    }
    return natural;
}

} // namespace

namespace {

struct PagePainter
{
    QPainter& painter;
    QPaintDevice* device;
    const ReportStyle& style;

    void text(const QString& text, const QFont& font, const QColor& colour, const QRectF& rect,
              Qt::Alignment alignment = Qt::AlignLeft) const
    {
        painter.setPen(colour);
        WrappedText(text, font, device, rect.width(), alignment).draw(painter, rect.topLeft());
    }

    qreal caption(const QString& caption, const QRectF& rect) const
    {
        if (caption.isEmpty())
            return 0;
        const WrappedText wrapped(caption, captionFont(), device, rect.width());
        painter.setPen(style.text);
        wrapped.draw(painter, rect.topLeft());
        return wrapped.height() + 4;
    }

    void tableRow(const QStringList& cells, const QList<qreal>& widths, const QList<bool>& right,
                  const QFont& font, qreal x, qreal y) const
    {
        for (qsizetype c = 0; c < widths.size() && c < cells.size(); ++c) {
            const bool alignRight = c < right.size() && right[c];
            text(cells[c], font, style.text,
                 QRectF(x + kCellPadX, y + kCellPadY, widths[c] - 2 * kCellPadX, 0),
                 alignRight ? Qt::AlignRight : Qt::AlignLeft);
            x += widths[c];
        }
    }
};

void paintFooter(const PagePainter& page, const QSizeF& pageSize, const QString& text, int number, int count)
{
    const qreal y = pageSize.height() - kMarginBottom + 24;
    page.painter.setPen(QPen(page.style.rule, 0.75));
    page.painter.drawLine(QPointF(kMarginX, y), QPointF(pageSize.width() - kMarginX, y));
    const QFont font = footerFont();
    const QString pageText = QStringLiteral("Page %1 of %2").arg(number).arg(count);
    const qreal pageWidth = QFontMetricsF(font, page.device).horizontalAdvance(pageText) + 4;
    const qreal width = pageSize.width() - 2 * kMarginX;
    page.text(text, font, page.style.muted, QRectF(kMarginX, y + 5, width - pageWidth - 12, 0));
    page.text(pageText, font, page.style.muted, QRectF(kMarginX + width - pageWidth, y + 5, pageWidth, 0),
              Qt::AlignRight);
}

} // namespace

ReportStyle ReportStyle::light()
{
    return { Qt::white,
             QColor(0x1f, 0x23, 0x28),
             QColor(0x5f, 0x67, 0x70),
             QColor(0xc8, 0xcd, 0xd3),
             QColor(0xe9, 0xed, 0xf1),
             QColor(0x1d, 0x4e, 0x89) };
}

ReportStyle ReportStyle::dark()
{
    return { QColor(0x1e, 0x21, 0x26), QColor(0xe6, 0xe8, 0xeb), QColor(0xa0, 0xa7, 0xb0),
             QColor(0x4a, 0x50, 0x58), QColor(0x2c, 0x31, 0x38), QColor(0x8a, 0xb8, 0xf0) };
}

struct ReportDocument::Block
{
    Kind kind = Kind::Paragraph;
    QString text;
    ReportTable table;
    QSizeF chartSize;
    ChartPainter paint;
    // Table geometry, measured once by the layout.
    QList<qreal> columnWidths;
    qreal headerHeight = 0;
    QList<qreal> rowHeights;
};

// What one page shows of a block: all of it, or a run of a table's rows.
struct ReportDocument::Placement
{
    const Block* block = nullptr;
    int page = 0;
    QRectF rect;
    int rowFrom = 0;
    int rowTo = 0;
    bool continued = false;
};

class ReportDocument::Layout
{
public:
    Layout(QPaintDevice* device, const QSizeF& pageSize)
        : m_device(device)
        , m_pageSize(pageSize)
        , m_width(pageSize.width() - 2 * kMarginX)
        , m_bottom(pageSize.height() - kMarginBottom)
    { }

    qreal contentWidth() const { return m_width; }
    int pages() const { return m_page + 1; }
    const std::vector<Placement>& placements() const { return m_placed; }

    // A heading stays with the start of what follows it (the next heading's own start, a paragraph,
    // a chart, a table's header and first row): `keepWithNext` is that height.
    void place(Block& block, qreal keepWithNext)
    {
        switch (block.kind) {
        case Kind::PageBreak:
            if (m_y > kMarginTop)
                newPage();
            return;
        case Kind::Table:
            placeTable(block);
            return;
        case Kind::Chart:
            placeWhole(block, captionHeight(block.text) + chartSize(block).height(), 0);
            return;
        case Kind::Title:
        case Kind::Heading:
        case Kind::Subheading:
            placeWhole(block, textHeight(block), keepWithNext);
            return;
        case Kind::Paragraph:
        case Kind::Muted:
            placeWhole(block, textHeight(block), 0);
            return;
        }
    }

    // How much of `blocks[index]` must share a page with a heading above it.
    qreal leadHeight(const std::vector<std::unique_ptr<Block>>& blocks, size_t index) const
    {
        if (index >= blocks.size())
            return 0;
        Block& block = *blocks[index];
        switch (block.kind) {
        case Kind::Title:
        case Kind::Heading:
        case Kind::Subheading:
            return textHeight(block) + kBlockGap + leadHeight(blocks, index + 1);
        case Kind::Paragraph:
        case Kind::Muted:
            return textHeight(block);
        case Kind::Chart:
            return captionHeight(block.text) + chartSize(block).height();
        case Kind::Table:
            measureTable(block);
            return captionHeight(block.table.caption) + block.headerHeight
                + (block.rowHeights.isEmpty() ? 0 : block.rowHeights.front());
        case Kind::PageBreak:
            break;
        }
        return 0;
    }

    qreal textHeight(const Block& block) const
    {
        return WrappedText(block.text, fontFor(block.kind), m_device, m_width).height();
    }

    qreal captionHeight(const QString& caption) const
    {
        return caption.isEmpty() ? 0 : WrappedText(caption, captionFont(), m_device, m_width).height() + 4;
    }

    QSizeF chartSize(const Block& block) const
    {
        const QSizeF natural = block.chartSize.isEmpty() ? QSizeF(m_width, m_width / 2) : block.chartSize;
        const qreal scale = std::min({ 1.0, m_width / natural.width(),
                                       m_pageSize.height() * kChartMaxHeightShare / natural.height() });
        return natural * scale;
    }

    void paint(const PagePainter& page, const Placement& at) const
    {
        const Block& block = *at.block;
        switch (block.kind) {
        case Kind::Title:
        case Kind::Heading:
        case Kind::Subheading:
            page.text(block.text, fontFor(block.kind), page.style.accent, at.rect);
            return;
        case Kind::Paragraph:
            page.text(block.text, fontFor(block.kind), page.style.text, at.rect);
            return;
        case Kind::Muted:
            page.text(block.text, fontFor(block.kind), page.style.muted, at.rect);
            return;
        case Kind::Chart: {
            const qreal caption = page.caption(block.text, at.rect);
            const QSizeF size = chartSize(block);
            const QRectF target(at.rect.left() + (at.rect.width() - size.width()) / 2,
                                at.rect.top() + caption, size.width(), size.height());
            page.painter.save();
            page.painter.setClipRect(target);
            block.paint(page.painter, target);
            page.painter.restore();
            return;
        }
        case Kind::Table:
            paintTable(page, at);
            return;
        case Kind::PageBreak:
            return;
        }
    }

    void paintTable(const PagePainter& page, const Placement& at) const
    {
        const Block& block = *at.block;
        const ReportTable& t = block.table;
        const QString caption
            = at.continued && !t.caption.isEmpty() ? t.caption + QStringLiteral(" (continued)") : t.caption;
        qreal y = at.rect.top() + page.caption(caption, at.rect);
        const qreal x = at.rect.left();
        const QFont font = fontFor(Kind::Table);
        page.painter.fillRect(QRectF(x, y, m_width, block.headerHeight), page.style.headerFill);
        page.tableRow(t.headers, block.columnWidths, t.rightAligned, boldFont(font), x, y);
        y += block.headerHeight;
        page.painter.setPen(QPen(page.style.rule, 0.5));
        for (int row = at.rowFrom; row < at.rowTo; ++row) {
            page.tableRow(t.rows[row], block.columnWidths, t.rightAligned, font, x, y);
            y += block.rowHeights[row];
            page.painter.setPen(QPen(page.style.rule, 0.5));
            page.painter.drawLine(QPointF(x, y), QPointF(x + m_width, y));
        }
    }

private:
    void newPage()
    {
        ++m_page;
        m_y = kMarginTop;
    }

    void placeWhole(Block& block, qreal height, qreal keepWithNext)
    {
        if (m_y + height + keepWithNext > m_bottom && m_y > kMarginTop)
            newPage();
        m_placed.push_back({ &block, m_page, QRectF(kMarginX, m_y, m_width, height) });
        m_y += height + (block.kind == Kind::Title ? 2 * kBlockGap : kBlockGap);
    }

    void measureTable(Block& block) const
    {
        const ReportTable& t = block.table;
        const QFont font = fontFor(Kind::Table);
        const QFont bold = boldFont(font);
        const QFontMetricsF metrics(font, m_device);
        const QFontMetricsF boldMetrics(bold, m_device);
        QList<qreal> natural;
        for (qsizetype c = 0; c < t.headers.size(); ++c) {
            qreal widest = widestLine(t.headers[c], boldMetrics);
            for (const QStringList& row : t.rows)
                if (c < row.size())
                    widest = std::max(widest, std::min(widestLine(row[c], metrics), m_width));
            natural << widest + 2 * kCellPadX + 1;
        }
        block.columnWidths = fitColumns(natural, m_width);
        const auto rowHeight = [&](const QStringList& cells, const QFont& f) {
            qreal h = 0;
            for (qsizetype c = 0; c < block.columnWidths.size() && c < cells.size(); ++c)
                h = std::max(
                    h, WrappedText(cells[c], f, m_device, block.columnWidths[c] - 2 * kCellPadX).height());
            return h + 2 * kCellPadY;
        };
        block.headerHeight = rowHeight(t.headers, bold);
        block.rowHeights.clear();
        for (const QStringList& row : t.rows)
            block.rowHeights << rowHeight(row, font);
    }

    void placeTable(Block& block)
    {
        measureTable(block);
        const qreal caption = captionHeight(block.table.caption + QStringLiteral(" (continued)"));
        const int rows = int(block.rowHeights.size());
        int row = 0;
        bool continued = false;
        do {
            const qreal first = row < rows ? block.rowHeights[row] : 0;
            if (m_y + caption + block.headerHeight + first > m_bottom && m_y > kMarginTop)
                newPage();
            const int from = row;
            qreal y = m_y + caption + block.headerHeight;
            // A single row taller than a page is the only thing that could be cut: cells wrap, so
            // that takes a cell of thousands of words, and it is still placed rather than lost.
            while (row < rows && (y + block.rowHeights[row] <= m_bottom || row == from)) {
                y += block.rowHeights[row];
                ++row;
            }
            m_placed.push_back(
                { &block, m_page, QRectF(kMarginX, m_y, m_width, y - m_y), from, row, continued });
            m_y = y + kBlockGap;
            continued = true;
            if (row < rows)
                newPage();
        } while (row < rows);
    }

    QPaintDevice* m_device;
    QSizeF m_pageSize;
    qreal m_width;
    qreal m_bottom;
    qreal m_y = kMarginTop;
    int m_page = 0;
    std::vector<Placement> m_placed;
};

ReportDocument::ReportDocument(const ReportStyle& style)
    : m_style(style)
{ }

ReportDocument::~ReportDocument() = default;

void ReportDocument::setFooterText(const QString& text)
{
    m_footer = text;
}

namespace {

template <typename B> std::unique_ptr<B> textBlock(Kind kind, const QString& text)
{
    auto block = std::make_unique<B>();
    block->kind = kind;
    block->text = text;
    return block;
}

} // namespace

void ReportDocument::addTitle(const QString& text)
{
    m_blocks.push_back(textBlock<Block>(Kind::Title, text));
}

void ReportDocument::addHeading(const QString& text)
{
    m_blocks.push_back(textBlock<Block>(Kind::Heading, text));
}

void ReportDocument::addSubheading(const QString& text)
{
    m_blocks.push_back(textBlock<Block>(Kind::Subheading, text));
}

void ReportDocument::addParagraph(const QString& text, bool muted)
{
    m_blocks.push_back(textBlock<Block>(muted ? Kind::Muted : Kind::Paragraph, text));
}

void ReportDocument::addTable(ReportTable table)
{
    auto block = textBlock<Block>(Kind::Table, QString());
    for (QStringList& row : table.rows)
        while (row.size() < table.headers.size())
            row << QString();
    block->table = std::move(table);
    m_blocks.push_back(std::move(block));
}

void ReportDocument::addChart(const QString& caption, const QSizeF& naturalSize, ChartPainter paint)
{
    auto block = textBlock<Block>(Kind::Chart, caption);
    block->chartSize = naturalSize;
    block->paint = std::move(paint);
    m_blocks.push_back(std::move(block));
}

void ReportDocument::addPageBreak()
{
    m_blocks.push_back(textBlock<Block>(Kind::PageBreak, QString()));
}

bool ReportDocument::write(QIODevice* device, const QString& title, QString* error,
                           const std::function<bool(int, int)>& progress)
{
    const auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    QPdfWriter writer(device);
    writer.setResolution(96);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("Faultline"));
    const QSizeF pageSize(writer.width(), writer.height());

    Layout layout(&writer, pageSize);
    for (size_t i = 0; i < m_blocks.size(); ++i)
        layout.place(*m_blocks[i], layout.leadHeight(m_blocks, i + 1));
    m_pageCount = layout.pages();

    QPainter painter;
    if (!painter.begin(&writer))
        return fail(QStringLiteral("cannot start the PDF"));
    const PagePainter page { painter, &writer, m_style };
    const auto& placed = layout.placements();
    auto next = placed.begin();
    for (int p = 0; p < m_pageCount; ++p) {
        if (p > 0 && !writer.newPage())
            return fail(QStringLiteral("cannot add page %1").arg(p + 1));
        painter.fillRect(QRectF(QPointF(0, 0), pageSize), m_style.page);
        for (; next != placed.end() && next->page == p; ++next)
            layout.paint(page, *next);
        paintFooter(page, pageSize, m_footer, p + 1, m_pageCount);
        if (progress && !progress(p + 1, m_pageCount)) {
            painter.end();
            return fail(QStringLiteral("cancelled"));
        }
    }
    if (!painter.end())
        return fail(QStringLiteral("cannot finish the PDF"));
    return true;
}

} // namespace faultline::exporting
