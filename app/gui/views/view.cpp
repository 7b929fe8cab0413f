#include "view.h"

#include <QApplication>
#include <QLayout>

namespace faultline::gui {

void View::setReport(std::shared_ptr<const ViewData> data)
{
    m_data = data ? std::move(data) : std::make_shared<const ViewData>();
    showReport(*m_data);
}

void View::setReport(const ViewData& data)
{
    setReport(std::make_shared<const ViewData>(data));
}

QImage View::renderToImage(const QSize& size)
{
    const bool wasHidden = isHidden();
    if (!parentWidget() || !isVisible()) {
        // Never flash on screen: the render goes into a pixmap only.
        setAttribute(Qt::WA_DontShowOnScreen, true);
        show();
    }
    resize(size);
    if (layout())
        layout()->activate();
    // Charts lay themselves out in response to posted resize and layout events.
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents();
    QImage image = grab(QRect(QPoint(0, 0), size)).toImage();
    if (wasHidden && !parentWidget())
        hide();
    return image;
}

} // namespace faultline::gui
