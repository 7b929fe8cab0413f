#pragma once

#include "gui/views/view.h"

#include <vector>

class QAbstractAxis;
class QAbstractItemModel;
class QBarCategoryAxis;
class QChart;
class QChartView;
class QFrame;
class QLabel;
class QStackedWidget;
class QTableView;
class QToolButton;
class QVBoxLayout;

namespace faultline::gui {

// The frame the Pipeline and Lead time views share with the Overview's look: a title, the filter
// description, an empty state naming the import that fills the view, cards, charts styled from the
// theme, and a drill-down panel showing the rows behind a number with the reason each counts.
class MetricViewBase : public View
{
    Q_OBJECT

public:
    explicit MetricViewBase(QWidget* parent = nullptr);

    bool isEmptyState() const override;
    void setTheme(const Theme& theme) override;
    bool isDrillDownVisible() const;
    void hideDrillDown();
    QTableView* drillDownTable() const { return m_drillTable; }
    QString drillDownTitle() const;

    static QFont scaledFont(const QFont& base, double factor, bool bold = false);

protected:
    // Builds the frame; the subclass adds its content to contentLayout().
    void setUpFrame(const QString& objectName);
    QVBoxLayout* contentLayout() const { return m_contentLayout; }
    QWidget* content() const { return m_content; }
    QFrame* card(const QString& objectName, QWidget* parent = nullptr);
    QLabel* heading(const QString& text, QWidget* parent);
    QLabel* note(QWidget* parent);
    QChartView* chartView(QChart* chart, const QString& objectName, QWidget* parent);
    QTableView* table(QAbstractItemModel* model, const QString& objectName, QWidget* parent);
    void registerAxis(QAbstractAxis* axis);
    void registerCategoryAxis(QBarCategoryAxis* axis, QChartView* view);
    // Shows `model` (already filled) in the drill-down panel under `title`.
    void showDrillDownModel(QAbstractItemModel* model, const QString& title, int stretchColumn);
    void setEmpty(bool empty, const QString& subtitle);
    virtual void onDrillDownShown(bool shown);
    virtual void restyleContent() = 0;
    const Theme& theme() const { return m_theme; }
    void resizeEvent(QResizeEvent* event) override;
    void updateCategoryLabels();

private:
    Theme m_theme = Theme::forKind(ThemeKind::Light);
    QStackedWidget* m_stack = nullptr;
    QWidget* m_content = nullptr;
    QVBoxLayout* m_contentLayout = nullptr;
    QLabel* m_empty = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    std::vector<QFrame*> m_cards;
    std::vector<QLabel*> m_headings;
    std::vector<QLabel*> m_notes;
    std::vector<QChartView*> m_charts;
    std::vector<QTableView*> m_tables;
    std::vector<QAbstractAxis*> m_axes;
    std::vector<std::pair<QBarCategoryAxis*, QChartView*>> m_categoryAxes;
    QFrame* m_drillPanel = nullptr;
    QLabel* m_drillTitle = nullptr;
    QTableView* m_drillTable = nullptr;
    QToolButton* m_drillClose = nullptr;
};

} // namespace faultline::gui
