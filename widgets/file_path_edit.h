#pragma once
// A path field with a "Browse…" button.

#include <QWidget>

class QLineEdit;

class FilePathEdit : public QWidget
{
    Q_OBJECT
public:
    explicit FilePathEdit(const QString &dialogTitle, const QString &filter = {}, QWidget *parent = nullptr);
    QString path() const;
    void setPath(const QString &path);
    QLineEdit *lineEdit() const { return m_edit; }

signals:
    void pathChanged(const QString &path);

private:
    QLineEdit *m_edit;
    QString m_title, m_filter;
};
