#pragma once

#include "filter_state.h"
#include "store/filter_queries.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QMenu;
class QPushButton;

namespace faultline::gui {

// The one filter bar every view shares: date range, services, environment rule, AI segment.
// It edits a FilterState and says when the user changed it; where the state is stored and what it
// computes is the page's business.
class FilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit FilterBar(QWidget* parent = nullptr);

    // The services and environments the workspace names (store::loadFilterChoices).
    void setChoices(const store::FilterChoices& choices);
    // End of the preset periods (FilterState::period), where a new custom range starts from.
    void setAnchor(std::int64_t anchorMs);
    // Shows state without emitting stateChanged; services the workspace does not name are kept.
    void setState(const FilterState& state);
    FilterState state() const { return m_state; }

    // The rule the environment choice of one environment name stands for.
    static QString environmentRuleFor(const QString& environment);

Q_SIGNALS:
    void stateChanged(const FilterState& state);

private:
    void rebuildServiceMenu();
    void updateWidgets();
    void commit(const FilterState& state);

    FilterState m_state;
    store::FilterChoices m_choices;
    bool m_updating = false;
    std::int64_t m_anchorMs = 0;
    QComboBox* m_range = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QPushButton* m_services = nullptr;
    QMenu* m_serviceMenu = nullptr;
    QComboBox* m_environment = nullptr;
    QComboBox* m_segment = nullptr;
};

} // namespace faultline::gui
