#pragma once

#include "gui/theme.h"
#include "models/dora_tiles_model.h"

#include <QFrame>

class QChartView;
class QLabel;
class QLineSeries;
class QValueAxis;
class QVXYModelMapper;

namespace faultline::models {
class PresentRowsProxy;
class WeeklyTrendModel;
} // namespace faultline::models

namespace faultline::gui {

// One DORA metric on the Overview: the headline value, its weekly sparkline, AI-assisted vs not with
// their n, small samples marked. It displays rows of the models it is given; double-click asks for
// the rows behind the number.
class DoraTile : public QFrame
{
    Q_OBJECT

public:
    DoraTile(models::DoraTilesModel::Metric metric, models::DoraTilesModel* tiles,
             models::WeeklyTrendModel* weekly, QWidget* parent = nullptr);

    models::DoraTilesModel::Metric metric() const { return m_metric; }
    // Which value is the headline: all (also for side by side), AI-assisted or not.
    void setHeadlineColumn(models::DoraTilesModel::Column column);
    void setTheme(const Theme& theme);
    QString valueText() const;
    // The sparkline's series (the chart maps the weekly model through a proxy; tests read it).
    QLineSeries* sparkline() const { return m_series; }

Q_SIGNALS:
    void activated(models::DoraTilesModel::Metric metric);

protected:
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refresh();
    void updateSparklineRange();
    QString segmentLine(models::DoraTilesModel::Column value, models::DoraTilesModel::Column n,
                        const QColor& colour, const QString& name) const;

    models::DoraTilesModel::Metric m_metric;
    models::DoraTilesModel* m_tiles;
    models::DoraTilesModel::Column m_headline = models::DoraTilesModel::Value;
    Theme m_theme = Theme::forKind(ThemeKind::Light);
    QLabel* m_name = nullptr;
    QLabel* m_value = nullptr;
    QLabel* m_sample = nullptr;
    QLabel* m_ai = nullptr;
    QLabel* m_notAi = nullptr;
    QChartView* m_chartView = nullptr;
    QLineSeries* m_series = nullptr;
    QValueAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
    models::PresentRowsProxy* m_proxy = nullptr;
    QVXYModelMapper* m_mapper = nullptr;
};

} // namespace faultline::gui
