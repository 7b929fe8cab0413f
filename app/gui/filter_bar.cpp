#include "filter_bar.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QTimeZone>

namespace faultline::gui {

namespace {

constexpr FilterState::Range kRanges[]
    = { FilterState::Range::Days30, FilterState::Range::Days90, FilterState::Range::Days180,
        FilterState::Range::Quarter, FilterState::Range::Custom };
constexpr FilterState::AiSegment kSegments[]
    = { FilterState::AiSegment::SideBySide, FilterState::AiSegment::All, FilterState::AiSegment::Ai,
        FilterState::AiSegment::NotAi };

QLabel* caption(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace

FilterBar::FilterBar(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("filterBar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(8);

    layout->addWidget(caption(tr("Period"), this));
    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("rangeCombo"));
    for (const auto range : kRanges)
        m_range->addItem(FilterState::rangeLabel(range), int(range));
    layout->addWidget(m_range);
    m_from = new QDateEdit(this);
    m_from->setObjectName(QStringLiteral("customFrom"));
    m_to = new QDateEdit(this);
    m_to->setObjectName(QStringLiteral("customTo"));
    for (QDateEdit* edit : { m_from, m_to }) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        layout->addWidget(edit);
    }

    layout->addSpacing(8);
    layout->addWidget(caption(tr("Services"), this));
    m_services = new QPushButton(this);
    m_services->setObjectName(QStringLiteral("serviceButton"));
    m_serviceMenu = new QMenu(m_services);
    m_serviceMenu->setObjectName(QStringLiteral("serviceMenu"));
    m_services->setMenu(m_serviceMenu);
    layout->addWidget(m_services);

    layout->addSpacing(8);
    layout->addWidget(caption(tr("Environment"), this));
    m_environment = new QComboBox(this);
    m_environment->setObjectName(QStringLiteral("environmentCombo"));
    m_environment->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    layout->addWidget(m_environment);

    layout->addSpacing(8);
    layout->addWidget(caption(tr("Changes"), this));
    m_segment = new QComboBox(this);
    m_segment->setObjectName(QStringLiteral("segmentCombo"));
    for (const auto segment : kSegments)
        m_segment->addItem(FilterState::segmentLabel(segment), int(segment));
    layout->addWidget(m_segment);
    layout->addStretch(1);

    connect(m_range, &QComboBox::activated, this, [this](int index) {
        FilterState next = m_state;
        next.range = FilterState::Range(m_range->itemData(index).toInt());
        if (next.range == FilterState::Range::Custom && !next.customFrom.isValid()) {
            // Start a custom range from what was shown, so choosing "Custom…" alone changes nothing.
            const auto [from, to] = m_state.period(m_anchorMs);
            next.customFrom = QDateTime::fromMSecsSinceEpoch(from, QTimeZone::utc()).date();
            next.customTo = QDateTime::fromMSecsSinceEpoch(to - 1, QTimeZone::utc()).date();
        }
        commit(next);
    });
    const auto dateChanged = [this] {
        if (m_updating)
            return;
        FilterState next = m_state;
        next.customFrom = m_from->date();
        next.customTo = m_to->date();
        commit(next);
    };
    connect(m_from, &QDateEdit::dateChanged, this, dateChanged);
    connect(m_to, &QDateEdit::dateChanged, this, dateChanged);
    connect(m_environment, &QComboBox::activated, this, [this](int index) {
        FilterState next = m_state;
        next.environmentRule = m_environment->itemData(index).toString();
        commit(next);
    });
    connect(m_segment, &QComboBox::activated, this, [this](int index) {
        FilterState next = m_state;
        next.segment = FilterState::AiSegment(m_segment->itemData(index).toInt());
        commit(next);
    });
    updateWidgets();
}

QString FilterBar::environmentRuleFor(const QString& environment)
{
    return QStringLiteral("^") + QRegularExpression::escape(environment) + QStringLiteral("$");
}

void FilterBar::setChoices(const store::FilterChoices& choices)
{
    m_choices = choices;
    updateWidgets();
}

void FilterBar::setAnchor(std::int64_t anchorMs)
{
    m_anchorMs = anchorMs;
}

void FilterBar::setState(const FilterState& state)
{
    m_state = state;
    updateWidgets();
}

void FilterBar::commit(const FilterState& state)
{
    if (state == m_state)
        return;
    m_state = state;
    updateWidgets();
    Q_EMIT stateChanged(m_state);
}

void FilterBar::rebuildServiceMenu()
{
    // deleteLater, not clear(): the action being toggled may be the reason for this rebuild.
    const auto previous = m_serviceMenu->actions();
    for (QAction* action : previous) {
        m_serviceMenu->removeAction(action);
        action->deleteLater();
    }
    QAction* all = m_serviceMenu->addAction(tr("All services"));
    all->setObjectName(QStringLiteral("allServicesAction"));
    all->setCheckable(true);
    all->setChecked(m_state.services.isEmpty());
    connect(all, &QAction::triggered, this, [this] {
        FilterState next = m_state;
        next.services.clear();
        commit(next);
    });
    m_serviceMenu->addSeparator();
    QStringList names = m_choices.services;
    for (const QString& chosen : std::as_const(m_state.services))
        if (!names.contains(chosen))
            names << chosen; // a stored choice the workspace no longer names stays visible
    for (const QString& name : std::as_const(names)) {
        QAction* action = m_serviceMenu->addAction(name);
        action->setCheckable(true);
        action->setChecked(m_state.services.contains(name));
        action->setData(name);
        connect(action, &QAction::toggled, this, [this, name](bool on) {
            FilterState next = m_state;
            next.services.removeAll(name);
            if (on)
                next.services << name;
            next.services.sort(Qt::CaseInsensitive);
            commit(next);
        });
    }
}

void FilterBar::updateWidgets()
{
    m_updating = true;
    m_range->setCurrentIndex(m_range->findData(int(m_state.range)));
    const bool custom = m_state.range == FilterState::Range::Custom;
    m_from->setVisible(custom);
    m_to->setVisible(custom);
    if (custom) {
        m_from->setDate(m_state.customFrom);
        m_to->setDate(m_state.customTo);
    }
    m_services->setText(m_state.services.isEmpty()         ? tr("All services")
                            : m_state.services.size() == 1 ? m_state.services.front()
                                                           : tr("%1 services").arg(m_state.services.size()));
    rebuildServiceMenu();

    m_environment->clear();
    m_environment->addItem(tr("Production (workspace rule)"), QString());
    for (const QString& environment : std::as_const(m_choices.environments))
        m_environment->addItem(environment, environmentRuleFor(environment));
    int current = m_environment->findData(m_state.environmentRule);
    if (current < 0) {
        m_environment->addItem(m_state.environmentRule, m_state.environmentRule);
        current = m_environment->count() - 1;
    }
    m_environment->setCurrentIndex(current);
    m_segment->setCurrentIndex(m_segment->findData(int(m_state.segment)));
    m_updating = false;
}

} // namespace faultline::gui
