#include "file_path_edit.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

FilePathEdit::FilePathEdit(const QString &dialogTitle, const QString &filter, QWidget *parent)
    : QWidget(parent), m_edit(new QLineEdit), m_title(dialogTitle), m_filter(filter)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *browse = new QToolButton;
    browse->setText(tr("Browse…"));
    layout->addWidget(m_edit, 1);
    layout->addWidget(browse);
    m_edit->setClearButtonEnabled(true);
    connect(m_edit, &QLineEdit::textChanged, this, &FilePathEdit::pathChanged);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString chosen = QFileDialog::getOpenFileName(this, m_title, m_edit->text(), m_filter);
        if (!chosen.isEmpty())
            m_edit->setText(chosen);
    });
}

QString FilePathEdit::path() const
{
    return m_edit->text().trimmed();
}

void FilePathEdit::setPath(const QString &path)
{
    m_edit->setText(path);
}
