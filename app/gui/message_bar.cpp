#include "message_bar.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace faultline::gui {

MessageBar::MessageBar(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("messageBar"));
    // The outer widget carries the spacing to the window edges, so a hidden bar leaves no gap.
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(8, 8, 8, 4);
    auto* frame = new QFrame(this);
    frame->setObjectName(QStringLiteral("messageFrame"));
    // Fixed colours on purpose: the bar must read as an error on light and dark themes alike.
    frame->setStyleSheet(QStringLiteral("#messageFrame { background: #fdecea; border: 1px solid #f1aeb5;"
                                        " border-radius: 4px; }"
                                        "#messageFrame QLabel { color: #58151c; background: transparent; }"));
    outer->addWidget(frame);

    auto* layout = new QHBoxLayout(frame);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->setSpacing(8);
    m_icon = new QLabel(frame);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical, nullptr, this).pixmap(iconSize));
    // As tall as one text line and centred in it, so the icon sits on the first line of a long message.
    m_icon->setFixedHeight(std::max(iconSize, fontMetrics().height()));
    m_icon->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    m_text = new QLabel(frame);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setTextFormat(Qt::PlainText); // paths and SQLite messages are not markup
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_text, 1, Qt::AlignVCenter);
    m_closeButton = new QToolButton(frame);
    m_closeButton->setObjectName(QStringLiteral("messageCloseButton"));
    m_closeButton->setAutoRaise(true);
    m_closeButton->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton, nullptr, this));
    m_closeButton->setToolTip(tr("Dismiss"));
    m_closeButton->setAccessibleName(tr("Dismiss message"));
    layout->addWidget(m_closeButton, 0, Qt::AlignTop);
    connect(m_closeButton, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void MessageBar::showError(const QString& message)
{
    m_text->setText(message);
    show();
}

QString MessageBar::text() const
{
    return m_text->text();
}

} // namespace faultline::gui
