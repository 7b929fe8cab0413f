#include "start_page.h"

#include "gui_main.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace faultline::gui {

namespace {

constexpr int kColumnMaxWidth = 560;
constexpr int kVisibleRecentRows = 6;

QLabel* makeLabel(const QString& text, QWidget* parent, qreal fontScale = 1.0, bool bold = false)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    QFont font = label->font();
    if (fontScale != 1.0)
        font.setPointSizeF(font.pointSizeF() * fontScale);
    font.setBold(bold);
    label->setFont(font);
    return label;
}

// "~/projects" reads faster than "/home/alex/projects" in a list of places the user already knows.
QString displayDirectory(const QString& path)
{
    const QString dir = QDir::toNativeSeparators(QFileInfo(path).absolutePath());
    const QString home = QDir::toNativeSeparators(QDir::homePath());
    if (dir == home)
        return QStringLiteral("~");
    if (dir.startsWith(home + QDir::separator()))
        return QLatin1Char('~') + dir.mid(home.size());
    return dir;
}

} // namespace

StartPage::StartPage(QWidget* parent)
    : QWidget(parent)
{
    initResources();
    setObjectName(QStringLiteral("startPage"));

    // The content sits in one column of bounded width, centred, so lines stay readable on wide screens.
    auto* column = new QWidget(this);
    column->setMaximumWidth(kColumnMaxWidth);
    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);

    auto* header = new QHBoxLayout;
    header->setSpacing(16);
    auto* icon = new QLabel(column);
    icon->setPixmap(QIcon(QStringLiteral(":/faultline/icons/faultline.svg")).pixmap(56, 56));
    icon->setAlignment(Qt::AlignTop);
    header->addWidget(icon);
    auto* title = makeLabel(tr("Faultline"), column, 2.2, true);
    title->setObjectName(QStringLiteral("startTitle"));
    title->setWordWrap(false);
    header->addWidget(title, 1, Qt::AlignVCenter);
    layout->addLayout(header);

    auto* pitch
        = makeLabel(tr("Faultline reads your git history, CI runs, deployments and incidents into one "
                       "workspace file and shows where delivery slows down, and how AI-assisted "
                       "changes fare on their way to production."),
                    column, 1.1);
    pitch->setObjectName(QStringLiteral("startPitch"));
    layout->addWidget(pitch);

    layout->addSpacing(16);
    auto* callToAction = makeLabel(tr("Import or open a workspace"), column, 1.35, true);
    callToAction->setObjectName(QStringLiteral("callToAction"));
    layout->addWidget(callToAction);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(8);
    m_newButton = new QPushButton(tr("New workspace…"), column);
    m_newButton->setObjectName(QStringLiteral("newWorkspaceButton"));
    m_newButton->setToolTip(tr("Create an empty workspace file to import data into"));
    m_newButton->setDefault(true);
    m_openButton = new QPushButton(tr("Open workspace…"), column);
    m_openButton->setObjectName(QStringLiteral("openWorkspaceButton"));
    m_openButton->setToolTip(tr("Open an existing .faultline workspace"));
    for (QPushButton* button : { m_newButton, m_openButton }) {
        button->setMinimumHeight(button->sizeHint().height() + 8);
        button->setMinimumWidth(160);
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    layout->addLayout(buttons);

    layout->addSpacing(16);
    m_recentTitle = makeLabel(tr("Recent workspaces"), column, 1.0, true);
    layout->addWidget(m_recentTitle);
    m_noRecent = makeLabel(tr("Workspaces you open appear here."), column);
    m_noRecent->setObjectName(QStringLiteral("noRecentLabel"));
    m_noRecent->setEnabled(false); // greyed: a note, not content
    layout->addWidget(m_noRecent);
    m_recentList = new QListWidget(column);
    m_recentList->setObjectName(QStringLiteral("recentList"));
    m_recentList->setUniformItemSizes(true);
    m_recentList->setAlternatingRowColors(false);
    m_recentList->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_recentList->setTextElideMode(Qt::ElideMiddle);
    layout->addWidget(m_recentList);

    layout->addSpacing(16);
    auto* cliHint
        = makeLabel(tr("Data is imported from the command line for now: run <code>faultline --help</code> "
                       "to see the commands."),
                    column);
    cliHint->setObjectName(QStringLiteral("cliHint"));
    cliHint->setTextFormat(Qt::RichText);
    cliHint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    cliHint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(cliHint);

    // Centre the column: the stretches share what the column, capped at its maximum width, leaves.
    auto* outer = new QHBoxLayout;
    outer->addStretch(1);
    outer->addWidget(column, 1000);
    outer->addStretch(1);
    auto* page = new QVBoxLayout(this);
    page->setContentsMargins(32, 32, 32, 32);
    page->addStretch(2);
    page->addLayout(outer);
    page->addStretch(3);

    connect(m_newButton, &QPushButton::clicked, this, &StartPage::newRequested);
    connect(m_openButton, &QPushButton::clicked, this, &StartPage::openRequested);
    // itemActivated covers double-click and Enter (and single click where the platform says so).
    connect(m_recentList, &QListWidget::itemActivated, this, &StartPage::activateRecent);

    setRecentWorkspaces({});
}

void StartPage::setRecentWorkspaces(const QStringList& paths)
{
    m_recentList->clear();
    for (const QString& path : paths) {
        const QFileInfo info(path);
        auto* item = new QListWidgetItem(info.fileName() + QStringLiteral("  —  ") + displayDirectory(path));
        item->setData(Qt::UserRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
        item->setSizeHint(QSize(0, m_recentList->fontMetrics().height() + 12));
        m_recentList->addItem(item);
    }
    const bool any = !paths.isEmpty();
    m_recentList->setVisible(any);
    m_noRecent->setVisible(!any);
    if (any) {
        const int rows = std::min<int>(int(paths.size()), kVisibleRecentRows);
        const int rowHeight = m_recentList->sizeHintForRow(0);
        m_recentList->setFixedHeight(rows * rowHeight + 2 * m_recentList->frameWidth() + 4);
    }
}

void StartPage::activateRecent(QListWidgetItem* item)
{
    if (item)
        Q_EMIT openRecentRequested(item->data(Qt::UserRole).toString());
}

} // namespace faultline::gui
