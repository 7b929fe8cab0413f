#pragma once

#include "gui/theme.h"
#include "gui/views/view_data.h"

#include <QImage>
#include <QList>
#include <QWidget>

#include <memory>

namespace faultline::gui {

// What every view of the sidebar is: a title, its Ctrl+<n> shortcut, the data it shows, an empty
// state that names the import that would fill it, and a rendering to an image (snapshot, PDF) that
// is the same painting the window shows.
// One chart a view draws: what Export ▸ PNG / SVG saves and what the PDF report paints as vectors.
struct ViewChart
{
    QString title; // "Deployments per week": the report's caption and the suggested file name
    QWidget* widget = nullptr; // a QChartView or a custom-painted chart (treemap); owned by the view
};

class View : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    virtual QString key() const = 0; // "overview": the name `faultline snapshot --view` takes
    virtual QString title() const = 0;
    virtual int shortcutNumber() const = 0; // Ctrl+<n>, 1–6
    // Shows `data`. The views share one result instead of each copying it: it holds the period's rows,
    // and copying those on the GUI thread is what made a filter change stall the window.
    void setReport(std::shared_ptr<const ViewData> data);
    void setReport(const ViewData& data);
    // The result shown; an empty one before the first setReport.
    const ViewData& viewData() const { return *m_data; }
    bool shows(const ViewData* data) const { return m_data.get() == data; }
    virtual void setTheme(const Theme& theme) = 0;
    virtual bool isEmptyState() const = 0;
    virtual QString emptyStateText() const = 0;

    // Every chart of the view, the main one first; empty in the empty state.
    virtual QList<ViewChart> charts() const = 0;

    // Renders the view at `size` as the window would paint it. The view is laid out (shown
    // off-screen when it has no window yet) before it is grabbed.
    QImage renderToImage(const QSize& size);

    // A view fills the space it is given and wraps its labels inside it. Not offering height-for-width
    // keeps the page's stack from laying out every hidden view's wrapped text again on each show and
    // resize (QStackedLayout asks all its pages), which cost 30–45 ms per view switch.
    bool hasHeightForWidth() const override { return false; }

protected:
    virtual void showReport(const ViewData& data) = 0;

private:
    std::shared_ptr<const ViewData> m_data = std::make_shared<const ViewData>();
};

} // namespace faultline::gui
