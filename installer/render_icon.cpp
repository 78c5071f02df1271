// Build-time tool: renders the SVG application icon into the bitmap files each platform
// wants (hicolor PNGs on Linux, .ico on Windows, an .iconset on macOS), so every bitmap
// always matches the SVG and the build needs no external converter.
//
// usage: kafkascope_render_icon <icon.svg> <output-file> <size> [<output-file> <size>]...
// The format follows the output file's suffix (png, ico...); missing directories are made.

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <cstdio>

int main(int argc, char *argv[])
{
    if (argc < 4 || (argc - 2) % 2 != 0) {
        std::fprintf(stderr, "usage: %s <icon.svg> <output-file> <size> [<output-file> <size>]...\n", argv[0]);
        return 2;
    }
    // Rendering needs a QGuiApplication for the image writers, but never a screen.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);

    QSvgRenderer renderer(QString::fromLocal8Bit(argv[1]));
    if (!renderer.isValid()) {
        std::fprintf(stderr, "render_icon: %s is not a valid SVG file\n", argv[1]);
        return 1;
    }
    for (int i = 2; i + 1 < argc; i += 2) {
        const QString file = QString::fromLocal8Bit(argv[i]);
        bool ok = false;
        const int size = QString::fromLocal8Bit(argv[i + 1]).toInt(&ok);
        if (!ok || size <= 0 || size > 4096) {
            std::fprintf(stderr, "render_icon: bad size \"%s\" for %s\n", argv[i + 1], argv[i]);
            return 2;
        }
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            renderer.render(&painter, QRectF(0, 0, size, size));
        }
        if (!QDir().mkpath(QFileInfo(file).absolutePath())) {
            std::fprintf(stderr, "render_icon: cannot create the directory of %s\n", argv[i]);
            return 1;
        }
        if (!image.convertToFormat(QImage::Format_ARGB32).save(file)) {
            std::fprintf(stderr, "render_icon: cannot write %s (unknown format or not writable)\n", argv[i]);
            return 1;
        }
    }
    return 0;
}
