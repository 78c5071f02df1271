#include "decoding/decoder_choice_store.h"

#include "cluster/workspace.h"
#include "demo/format_simulator.h"

#include <QSettings>

namespace kafkascope {

namespace {

// Topic names may hold '/', which QSettings reads as a group separator.
QString groupOf(const QString &profileId, const QString &topic)
{
    return QStringLiteral("decoding/") + profileId + QLatin1Char('/')
           + QString::fromLatin1(topic.toUtf8().toPercentEncoding());
}

DecoderChoice readChoice(const QSettings &s, const QString &prefix)
{
    DecoderChoice c;
    parseDecoderKind(s.value(prefix + QStringLiteral("kind")).toString(), &c.kind);
    c.protoImportPaths = s.value(prefix + QStringLiteral("importPaths")).toStringList();
    c.protoFile = s.value(prefix + QStringLiteral("protoFile")).toString();
    c.messageType = s.value(prefix + QStringLiteral("messageType")).toString();
    c.thingsBoardQueue = s.value(prefix + QStringLiteral("thingsBoardQueue")).toBool();
    return c;
}

void writeChoice(QSettings &s, const QString &prefix, const DecoderChoice &c)
{
    s.setValue(prefix + QStringLiteral("kind"), decoderKindKey(c.kind));
    s.setValue(prefix + QStringLiteral("importPaths"), c.protoImportPaths);
    s.setValue(prefix + QStringLiteral("protoFile"), c.protoFile);
    s.setValue(prefix + QStringLiteral("messageType"), c.messageType);
    s.setValue(prefix + QStringLiteral("thingsBoardQueue"), c.thingsBoardQueue);
}

} // namespace

DecoderChoiceStore::DecoderChoiceStore(QSettings *settings) : m_settings(settings) {}

TopicDecoding DecoderChoiceStore::load(const QString &profileId, const QString &topic) const
{
    m_settings->beginGroup(groupOf(profileId, topic));
    const bool saved = m_settings->contains(QStringLiteral("value/kind"));
    TopicDecoding d;
    d.key = readChoice(*m_settings, QStringLiteral("key/"));
    d.value = readChoice(*m_settings, QStringLiteral("value/"));
    m_settings->endGroup();
    // The demo's decoder-needing topics decode with no setup until the user picks otherwise.
    if (!saved && profileId == Workspace::kDemoId)
        d.value = FormatSimulator::valueDecoding(topic);
    return d;
}

void DecoderChoiceStore::save(const QString &profileId, const QString &topic, const TopicDecoding &decoding)
{
    m_settings->beginGroup(groupOf(profileId, topic));
    m_settings->remove(QString());
    writeChoice(*m_settings, QStringLiteral("key/"), decoding.key);
    writeChoice(*m_settings, QStringLiteral("value/"), decoding.value);
    m_settings->endGroup();
}

} // namespace kafkascope
