#pragma once

#include "gui/views/view.h"
#include "models/dora_tiles_model.h"

#include <vector>

class QBarCategoryAxis;
class QBarSeries;
class QChartView;
class QFrame;
class QLabel;
class QStackedWidget;
class QTableView;
class QToolButton;
class QValueAxis;
class QVBarModelMapper;

namespace faultline::models {
class ContributionsModel;
class WeeklyTrendModel;
} // namespace faultline::models

namespace faultline::gui {

class DoraTile;

// Issue 7, view 1: the five DORA tiles, the velocity gap (PRs merged vs production deployments per
// week), the archetype card with the figures behind it and the biggest lead-time bottleneck in words.
// Double-clicking a tile shows the rows behind its number, with the reason each counts.
class OverviewView : public View
{
    Q_OBJECT

public:
    explicit OverviewView(QWidget* parent = nullptr);

    QString key() const override { return QStringLiteral("overview"); }
    QString title() const override { return tr("Overview"); }
    int shortcutNumber() const override { return 1; }
    void setTheme(const Theme& theme) override;
    bool isEmptyState() const override;
    QList<ViewChart> charts() const override;
    QString emptyStateText() const override;

    models::DoraTilesModel* tilesModel() const { return m_tiles; }
    models::WeeklyTrendModel* weeklyModel() const { return m_weekly; }
    models::ContributionsModel* drillDownModel() const { return m_drillDown; }
    const std::vector<DoraTile*>& tiles() const { return m_tileWidgets; }
    // Shows the rows behind `metric` of the headline segment (what double-clicking a tile does).
    void showDrillDown(models::DoraTilesModel::Metric metric);
    void hideDrillDown();
    bool isDrillDownVisible() const;

protected:
    void showReport(const ViewData& data) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    QFrame* card(const QString& objectName);
    void updateVelocityAxes();
    void updateWeekLabelAngle();
    void updateCards();
    void restyle();

    Theme m_theme = Theme::forKind(ThemeKind::Light);
    models::DoraTilesModel* m_tiles = nullptr;
    models::WeeklyTrendModel* m_weekly = nullptr;
    models::ContributionsModel* m_drillDown = nullptr;
    std::vector<DoraTile*> m_tileWidgets;
    std::vector<QFrame*> m_cards;

    QStackedWidget* m_stack = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    QChartView* m_velocityView = nullptr;
    QBarSeries* m_velocitySeries = nullptr;
    QBarCategoryAxis* m_weeksAxis = nullptr;
    QValueAxis* m_countAxis = nullptr;
    QVBarModelMapper* m_velocityMapper = nullptr;
    QLabel* m_velocityTitle = nullptr;
    QLabel* m_velocityNote = nullptr;
    QLabel* m_archetypeHeading = nullptr;
    QLabel* m_archetypeTitle = nullptr;
    QLabel* m_archetypeBody = nullptr;
    QLabel* m_bottleneckHeading = nullptr;
    QLabel* m_bottleneck = nullptr;
    QFrame* m_drillPanel = nullptr;
    QLabel* m_drillTitle = nullptr;
    QTableView* m_drillTable = nullptr;
    QToolButton* m_drillClose = nullptr;
};

} // namespace faultline::gui
