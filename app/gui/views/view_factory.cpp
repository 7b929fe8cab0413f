#include "view_factory.h"

#include "gui/views/changes_view.h"
#include "gui/views/incidents_view.h"
#include "gui/views/leadtime_view.h"
#include "gui/views/overview_view.h"
#include "gui/views/pipeline_view.h"
#include "gui/views/rework_view.h"

namespace faultline::gui {

QStringList availableViewKeys()
{
    return { QStringLiteral("overview"), QStringLiteral("pipeline"),  QStringLiteral("leadtime"),
             QStringLiteral("rework"),   QStringLiteral("incidents"), QStringLiteral("changes") };
}

std::unique_ptr<View> createView(const QString& key, QWidget* parent)
{
    if (key == QLatin1String("overview"))
        return std::make_unique<OverviewView>(parent);
    if (key == QLatin1String("pipeline"))
        return std::make_unique<PipelineView>(parent);
    if (key == QLatin1String("leadtime"))
        return std::make_unique<LeadTimeView>(parent);
    if (key == QLatin1String("rework"))
        return std::make_unique<ReworkView>(parent);
    if (key == QLatin1String("incidents"))
        return std::make_unique<IncidentsView>(parent);
    if (key == QLatin1String("changes"))
        return std::make_unique<ChangesView>(parent);
    return nullptr;
}

} // namespace faultline::gui
