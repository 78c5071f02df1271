#include "schemas/schemas_panel.h"

#include "cluster/cluster_session.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStringListModel>
#include <QVBoxLayout>

namespace kafkascope {

namespace {

QString typeName(const QString &type)
{
    if (type == u"PROTOBUF")
        return QObject::tr("Protobuf");
    if (type == u"JSON")
        return QObject::tr("JSON Schema");
    return QObject::tr("Avro");
}

} // namespace

SchemasPanel::SchemasPanel(ClusterSession *session, QWidget *parent)
    : SchemasPanel(session ? session->profile().registry : RegistryEndpoint{}, parent)
{
}

SchemasPanel::SchemasPanel(const RegistryEndpoint &endpoint, QWidget *parent)
    : QWidget(parent), m_browser(new RegistryBrowser(endpoint, this)), m_subjects(new QStringListModel(this)),
      m_filtered(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("schemasPanel"));
    build();
    connect(m_browser, &RegistryBrowser::subjectsListed, this, [this](const QStringList &subjects) {
        m_subjects->setStringList(subjects);
        setStatus(tr("%n subject(s) in %1", nullptr, int(subjects.size())).arg(registryBaseText()));
        const QString wanted = !m_pendingFocus.isEmpty() ? m_pendingFocus : m_subject;
        m_pendingFocus.clear();
        if (!wanted.isEmpty() && subjects.contains(wanted))
            focusItem(wanted);
        else if (!subjects.isEmpty())
            focusItem(m_filtered->rowCount() > 0 ? m_filtered->index(0, 0).data().toString() : subjects.first());
    });
    connect(m_browser, &RegistryBrowser::versionsListed, this, [this](const QString &subject, const QList<int> &versions) {
        if (subject != m_subject)
            return; // the user has moved on
        m_versions->blockSignals(true);
        m_versions->clear();
        for (auto it = versions.crbegin(); it != versions.crend(); ++it)
            m_versions->addItem(tr("version %1").arg(*it), *it);
        m_versions->blockSignals(false);
        if (!versions.isEmpty())
            m_browser->loadVersion(subject, versions.last());
    });
    connect(m_browser, &RegistryBrowser::versionLoaded, this, &SchemasPanel::showVersion);
    connect(m_browser, &RegistryBrowser::compatibilityLoaded, this, &SchemasPanel::showCompatibility);
    connect(m_browser, &RegistryBrowser::failed, this, &SchemasPanel::showError);
    refresh();
}

QString SchemasPanel::registryBaseText() const
{
    return m_browser->endpoint().url.trimmed();
}

void SchemasPanel::build()
{
    m_filter = new QLineEdit;
    m_filter->setObjectName(QStringLiteral("schemasFilter"));
    m_filter->setPlaceholderText(tr("Filter subjects"));
    m_filter->setClearButtonEnabled(true);
    auto *refreshButton = new QPushButton(tr("&Refresh"));
    refreshButton->setObjectName(QStringLiteral("schemasRefresh"));
    m_global = new QLabel;
    m_global->setObjectName(QStringLiteral("schemasGlobalCompatibility"));
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("schemasStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_filtered->setSourceModel(m_subjects);
    m_filtered->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_list = new QListView;
    m_list->setObjectName(QStringLiteral("schemasSubjects"));
    m_list->setModel(m_filtered);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);

    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("schemasSubjectTitle"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_title->setFont(big);
    m_versions = new QComboBox;
    m_versions->setObjectName(QStringLiteral("schemasVersions"));
    m_versions->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_versions->setMinimumContentsLength(10);
    m_type = new QLabel;
    m_type->setObjectName(QStringLiteral("schemasType"));
    m_type->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_compatibility = new QLabel;
    m_compatibility->setObjectName(QStringLiteral("schemasCompatibility"));
    m_references = new QLabel;
    m_references->setObjectName(QStringLiteral("schemasReferences"));
    m_references->setWordWrap(true);
    m_references->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text = new QPlainTextEdit;
    m_text->setObjectName(QStringLiteral("schemasText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(refreshButton);
    top->addSpacing(12);
    top->addWidget(m_global);

    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_list);

    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *head = new QHBoxLayout;
    head->addWidget(m_title, 1);
    head->addWidget(m_versions);
    rightLayout->addLayout(head);
    auto *facts = new QFormLayout;
    facts->addRow(tr("Type"), m_type);
    facts->addRow(tr("Compatibility"), m_compatibility);
    facts->addRow(tr("References"), m_references);
    rightLayout->addLayout(facts);
    rightLayout->addWidget(m_text, 1);

    auto *split = new QSplitter;
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setSizes({280, 840});

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filtered->setFilterFixedString(text.trimmed());
    });
    connect(refreshButton, &QPushButton::clicked, this, &SchemasPanel::refresh);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            showSubject(current.data().toString());
    });
    connect(m_versions, &QComboBox::activated, this, [this](int index) {
        if (!m_subject.isEmpty() && index >= 0)
            m_browser->loadVersion(m_subject, m_versions->itemData(index).toInt());
    });
}

void SchemasPanel::refresh()
{
    if (!m_browser->endpoint().enabled()) {
        setStatus(tr("No Schema Registry is set for this cluster: add its URL in the connection's settings."), true);
        return;
    }
    setStatus(tr("Loading subjects from %1…").arg(registryBaseText()));
    m_browser->listSubjects();
    m_browser->loadCompatibility({});
}

void SchemasPanel::focusItem(const QString &subject)
{
    const QModelIndexList hits = m_filtered->match(m_filtered->index(0, 0), Qt::DisplayRole, subject, 1, Qt::MatchExactly);
    if (hits.isEmpty()) {
        if (!m_subjects->stringList().contains(subject)) {
            m_pendingFocus = subject; // the list has not arrived yet
            return;
        }
        m_filter->clear();
        focusItem(subject);
        return;
    }
    m_list->setCurrentIndex(hits.first());
    m_list->scrollTo(hits.first());
}

void SchemasPanel::showSubject(const QString &subject)
{
    if (subject == m_subject && m_versions->count() > 0)
        return;
    m_subject = subject;
    m_title->setText(subject);
    m_versions->clear();
    m_type->clear();
    m_references->clear();
    m_compatibility->setText(tr("…"));
    m_text->setPlainText(tr("Loading…"));
    m_browser->listVersions(subject);
    m_browser->loadCompatibility(subject);
}

void SchemasPanel::showVersion(const SubjectVersion &v)
{
    if (v.subject != m_subject)
        return;
    const int index = m_versions->findData(v.version);
    if (index >= 0)
        m_versions->setCurrentIndex(index);
    m_type->setText(tr("%1 · schema id %2").arg(typeName(v.type)).arg(v.id));
    m_references->setText(v.references.isEmpty() ? tr("none") : v.references.join(QStringLiteral("\n")));
    m_text->setPlainText(prettySchema(v.type, v.text));
}

void SchemasPanel::showCompatibility(const QString &subject, const QString &level)
{
    if (subject.isEmpty()) {
        m_globalLevel = level;
        m_global->setText(tr("Global compatibility: %1").arg(level.isEmpty() ? tr("unknown") : level));
        if (!m_subject.isEmpty() && m_compatibility->property("inherits").toBool())
            m_compatibility->setText(tr("%1 (the registry's global level)").arg(m_globalLevel));
        return;
    }
    if (subject != m_subject)
        return;
    m_compatibility->setProperty("inherits", level.isEmpty());
    m_compatibility->setText(level.isEmpty() ? tr("%1 (the registry's global level)").arg(m_globalLevel.isEmpty() ? tr("unknown") : m_globalLevel)
                                             : tr("%1 (set on this subject)").arg(level));
}

void SchemasPanel::showError(const QString &what, const QString &error)
{
    setStatus(tr("Could not load %1: %2").arg(what, error), true);
    if (what.contains(m_subject) && !m_subject.isEmpty() && m_text->toPlainText() == tr("Loading…"))
        m_text->setPlainText(QString());
}

void SchemasPanel::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #d93a3a;") : QString());
}

QStringList SchemasPanel::visibleSubjects() const
{
    QStringList out;
    for (int r = 0; r < m_filtered->rowCount(); ++r)
        out << m_filtered->index(r, 0).data().toString();
    return out;
}

QString SchemasPanel::currentSubject() const
{
    return m_subject;
}

QString SchemasPanel::statusText() const
{
    return m_status->text();
}

QString SchemasPanel::schemaText() const
{
    return m_text->toPlainText();
}

} // namespace kafkascope
