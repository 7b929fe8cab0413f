#pragma once

#include "gui/views/view.h"
#include "store/change_queries.h"

#include <optional>

class QBarCategoryAxis;
class QCheckBox;
class QChartView;
class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QSplitter;
class QStackedBarSeries;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;
class QVBarModelMapper;
class QValueAxis;

namespace faultline::models {
class ChangeDetailsModel;
class ChangesModel;
class ChangeWeeksModel;
} // namespace faultline::models

namespace faultline::gui {

class BackgroundJob;

// Issue 7, view 6: the commits of the period with their AI tool and the evidence that tagged them,
// filterable by text, tool and "AI-assisted only"; commits per week AI-assisted vs not (double-click a
// bar for the commits behind it); and for the selected commit its files, the deployment that shipped
// it, the CI runs on it and the linked incidents. The list is paged (ChangesModel), so a workspace of
// a million commits opens as fast as a small one.
class ChangesView : public View
{
    Q_OBJECT

public:
    explicit ChangesView(QWidget* parent = nullptr);
    ~ChangesView() override;

    QString key() const override { return QStringLiteral("changes"); }
    QString title() const override { return tr("Changes"); }
    int shortcutNumber() const override { return 6; }
    void setTheme(const Theme& theme) override;
    bool isEmptyState() const override;
    QList<ViewChart> charts() const override;
    QString emptyStateText() const override;

    // Author names as stable aliases (the "anonymise people" setting).
    void setAnonymise(bool on);

    models::ChangesModel* changesModel() const { return m_changes; }
    models::ChangeWeeksModel* weeksModel() const { return m_weeks; }
    models::ChangeDetailsModel* detailsModel() const { return m_details; }
    QTableView* changesTable() const { return m_table; }
    QLineEdit* textFilter() const { return m_text; }
    QComboBox* toolFilter() const { return m_tool; }
    QCheckBox* aiOnlyFilter() const { return m_aiOnly; }
    BackgroundJob* job() const { return m_job; }
    BackgroundJob* detailsJob() const { return m_detailsJob; }

    // The filter the list shows now: the filter bar's part plus the view's own (and a drilled week).
    store::ChangeFilter currentFilter() const;
    // Restricts the list to the commits behind one bar (week `row`, AI-assisted or not).
    void drillIntoWeek(int row, bool aiAssisted);
    void clearDrill();
    // Shows the details of the commit in `row` of the list.
    void showDetails(int row);

Q_SIGNALS:
    void errorOccurred(const QString& message);

protected:
    void showReport(const ViewData& data) override;

private:
    QFrame* card(const QString& objectName);
    void reloadList();
    void applyList(const ChangesData& data);
    void updateAxes();
    void updateSummary();
    void restyle();

    Theme m_theme = Theme::forKind(ThemeKind::Light);
    bool m_anonymise = false;
    std::optional<std::pair<std::int64_t, std::int64_t>> m_drillWeek;
    std::optional<bool> m_drillAi;

    models::ChangesModel* m_changes = nullptr;
    models::ChangeWeeksModel* m_weeks = nullptr;
    models::ChangeDetailsModel* m_details = nullptr;
    BackgroundJob* m_job = nullptr;
    BackgroundJob* m_detailsJob = nullptr;
    BackgroundJob* m_pageJob = nullptr; // later pages of the list
    QTimer* m_textDelay = nullptr;
    std::vector<QFrame*> m_cards;

    QLabel* m_title = nullptr;
    QLabel* m_subtitle = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_empty = nullptr;
    QLineEdit* m_text = nullptr;
    QComboBox* m_tool = nullptr;
    QCheckBox* m_aiOnly = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_chartTitle = nullptr;
    QLabel* m_sampleNote = nullptr;
    QChartView* m_chartView = nullptr;
    QStackedBarSeries* m_series = nullptr;
    QBarCategoryAxis* m_weeksAxis = nullptr;
    QValueAxis* m_countAxis = nullptr;
    QVBarModelMapper* m_mapper = nullptr;
    QLabel* m_drillLabel = nullptr;
    QToolButton* m_drillClear = nullptr;
    QSplitter* m_splitter = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_detailsTitle = nullptr;
    QTableView* m_detailsTable = nullptr;
};

} // namespace faultline::gui
