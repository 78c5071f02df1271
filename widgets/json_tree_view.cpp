#include "json_tree_view.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace {

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Object: return QStringLiteral("object");
    case QJsonValue::Array: return QStringLiteral("array");
    case QJsonValue::String: return QStringLiteral("string");
    case QJsonValue::Double: return QStringLiteral("number");
    case QJsonValue::Bool: return QStringLiteral("bool");
    default: return QStringLiteral("null");
    }
}

QString scalarText(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String: return u'"' + v.toString() + u'"';
    case QJsonValue::Double: return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QJsonValue::Bool: return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Object: return QStringLiteral("{%1}").arg(v.toObject().size());
    case QJsonValue::Array: return QStringLiteral("[%1]").arg(v.toArray().size());
    default: return QStringLiteral("null");
    }
}

void addValue(QTreeWidgetItem *item, const QJsonValue &v)
{
    item->setText(1, scalarText(v));
    item->setText(2, typeName(v));
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            auto *child = new QTreeWidgetItem(item, {it.key()});
            addValue(child, it.value());
        }
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i) {
            auto *child = new QTreeWidgetItem(item, {QStringLiteral("[%1]").arg(i)});
            addValue(child, a[i]);
        }
    }
}

} // namespace

JsonTreeView::JsonTreeView(QWidget *parent) : QTreeWidget(parent)
{
    setColumnCount(3);
    setHeaderLabels({tr("Key"), tr("Value"), tr("Type")});
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(1, QHeaderView::Stretch);
}

bool JsonTreeView::setJson(const QByteArray &bytes)
{
    clear();
    m_pretty.clear();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        m_error = tr("Not JSON: %1 at character %2").arg(error.errorString()).arg(error.offset + 1);
        auto *item = new QTreeWidgetItem(this, {m_error});
        item->setFirstColumnSpanned(true);
        return false;
    }
    m_error.clear();
    m_pretty = QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    auto *root = new QTreeWidgetItem(this, {QStringLiteral("(root)")});
    addValue(root, doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()));
    expandToDepth(3);
    resizeColumnToContents(0);
    return true;
}
