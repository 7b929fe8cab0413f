#include "view_factory.h"

#include "gui/views/overview_view.h"

namespace faultline::gui {

QStringList availableViewKeys()
{
    return { QStringLiteral("overview") };
}

std::unique_ptr<View> createView(const QString& key, QWidget* parent)
{
    if (key == QLatin1String("overview"))
        return std::make_unique<OverviewView>(parent);
    return nullptr;
}

} // namespace faultline::gui
