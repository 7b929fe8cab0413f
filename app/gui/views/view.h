#pragma once

#include "gui/theme.h"
#include "gui/views/view_data.h"

#include <QImage>
#include <QWidget>

namespace faultline::gui {

// What every view of the sidebar is: a title, its Ctrl+<n> shortcut, the data it shows, an empty
// state that names the import that would fill it, and a rendering to an image (snapshot, PDF) that
// is the same painting the window shows.
class View : public QWidget
{
    Q_OBJECT

public:
    using QWidget::QWidget;

    virtual QString key() const = 0; // "overview": the name `faultline snapshot --view` takes
    virtual QString title() const = 0;
    virtual int shortcutNumber() const = 0; // Ctrl+<n>, 1–6
    virtual void setReport(const ViewData& data) = 0;
    virtual void setTheme(const Theme& theme) = 0;
    virtual bool isEmptyState() const = 0;
    virtual QString emptyStateText() const = 0;

    // Renders the view at `size` as the window would paint it. The view is laid out (shown
    // off-screen when it has no window yet) before it is grabbed.
    QImage renderToImage(const QSize& size);
};

} // namespace faultline::gui
