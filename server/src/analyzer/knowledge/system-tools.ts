// Programs an app may shell out to that package.json cannot declare (II. Dependencies: "do not rely on the
// implicit existence of any system tools"), the OS packages that install them (to read a Dockerfile's installs),
// and the npm modules that run one of them for their caller.

export interface SystemTool {
  /** What people call it: 'ImageMagick'. */
  name: string;
  /** apt, apk, dnf package names that install it; a trailing `*` matches versioned names (`postgresql-client-15`). */
  packages: readonly string[];
}

const IMAGEMAGICK: SystemTool = { name: 'ImageMagick', packages: ['imagemagick', 'imagemagick6', 'ImageMagick', 'imagemagick-*'] };
const FFMPEG: SystemTool = { name: 'FFmpeg', packages: ['ffmpeg'] };
const GHOSTSCRIPT: SystemTool = { name: 'Ghostscript', packages: ['ghostscript'] };
const POPPLER: SystemTool = { name: 'Poppler', packages: ['poppler-utils', 'poppler'] };
const LIBREOFFICE: SystemTool = { name: 'LibreOffice', packages: ['libreoffice', 'libreoffice-*'] };
const POSTGRES: SystemTool = { name: 'the PostgreSQL client', packages: ['postgresql-client', 'postgresql-client-*', 'postgresql*-client', 'postgresql'] };
const MYSQL: SystemTool = { name: 'the MySQL client', packages: ['mysql-client', 'default-mysql-client', 'mariadb-client', 'mysql'] };
const MONGO: SystemTool = { name: 'the MongoDB database tools', packages: ['mongodb-database-tools', 'mongodb-tools', 'mongodb-org-tools'] };
const CHROME: SystemTool = { name: 'Chromium', packages: ['chromium', 'chromium-browser', 'google-chrome-stable'] };
const PYTHON: SystemTool = { name: 'Python', packages: ['python3', 'python', 'python3-*', 'python*'] };
const SSH: SystemTool = { name: 'OpenSSH', packages: ['openssh-client', 'openssh', 'openssh-clients'] };

/** Program name (as typed in a shell) → the tool. */
export const SYSTEM_TOOLS: ReadonlyMap<string, SystemTool> = new Map<string, SystemTool>([
  ['curl', { name: 'curl', packages: ['curl'] }],
  ['wget', { name: 'wget', packages: ['wget'] }],
  ['git', { name: 'git', packages: ['git'] }],
  ['convert', IMAGEMAGICK],
  ['magick', IMAGEMAGICK],
  ['identify', IMAGEMAGICK],
  ['mogrify', IMAGEMAGICK],
  ['composite', IMAGEMAGICK],
  ['montage', IMAGEMAGICK],
  ['gm', { name: 'GraphicsMagick', packages: ['graphicsmagick'] }],
  ['ffmpeg', FFMPEG],
  ['ffprobe', FFMPEG],
  ['gs', GHOSTSCRIPT],
  ['ps2pdf', GHOSTSCRIPT],
  ['wkhtmltopdf', { name: 'wkhtmltopdf', packages: ['wkhtmltopdf'] }],
  ['wkhtmltoimage', { name: 'wkhtmltopdf', packages: ['wkhtmltopdf'] }],
  ['pdftotext', POPPLER],
  ['pdftoppm', POPPLER],
  ['pdfinfo', POPPLER],
  ['pdftocairo', POPPLER],
  ['pdfunite', POPPLER],
  ['qpdf', { name: 'qpdf', packages: ['qpdf'] }],
  ['pdftk', { name: 'pdftk', packages: ['pdftk', 'pdftk-java'] }],
  ['mutool', { name: 'MuPDF', packages: ['mupdf-tools', 'mupdf'] }],
  ['pandoc', { name: 'pandoc', packages: ['pandoc'] }],
  ['soffice', LIBREOFFICE],
  ['libreoffice', LIBREOFFICE],
  ['unoconv', { name: 'unoconv', packages: ['unoconv'] }],
  ['tesseract', { name: 'Tesseract', packages: ['tesseract-ocr', 'tesseract', 'tesseract-ocr-*'] }],
  ['exiftool', { name: 'ExifTool', packages: ['libimage-exiftool-perl', 'exiftool', 'perl-image-exiftool'] }],
  ['sox', { name: 'SoX', packages: ['sox'] }],
  ['lame', { name: 'LAME', packages: ['lame'] }],
  ['inkscape', { name: 'Inkscape', packages: ['inkscape'] }],
  ['rsvg-convert', { name: 'librsvg', packages: ['librsvg2-bin', 'librsvg', 'rsvg-convert'] }],
  ['dot', { name: 'Graphviz', packages: ['graphviz'] }],
  ['optipng', { name: 'OptiPNG', packages: ['optipng'] }],
  ['pngquant', { name: 'pngquant', packages: ['pngquant'] }],
  ['jpegoptim', { name: 'jpegoptim', packages: ['jpegoptim'] }],
  ['gifsicle', { name: 'gifsicle', packages: ['gifsicle'] }],
  ['cwebp', { name: 'WebP tools', packages: ['webp', 'libwebp-tools'] }],
  ['vips', { name: 'libvips', packages: ['libvips-tools', 'vips', 'vips-tools'] }],
  ['pg_dump', POSTGRES],
  ['pg_restore', POSTGRES],
  ['psql', POSTGRES],
  ['mysqldump', MYSQL],
  ['mysql', MYSQL],
  ['mongodump', MONGO],
  ['mongorestore', MONGO],
  ['mongoexport', MONGO],
  ['redis-cli', { name: 'the Redis CLI', packages: ['redis-tools', 'redis'] }],
  ['rsync', { name: 'rsync', packages: ['rsync'] }],
  ['ssh', SSH],
  ['scp', SSH],
  ['sftp', SSH],
  ['zip', { name: 'zip', packages: ['zip'] }],
  ['unzip', { name: 'unzip', packages: ['unzip'] }],
  ['7z', { name: '7-Zip', packages: ['p7zip-full', 'p7zip', '7zip'] }],
  ['unrar', { name: 'unrar', packages: ['unrar', 'unrar-free'] }],
  ['openssl', { name: 'OpenSSL', packages: ['openssl'] }],
  ['python', PYTHON],
  ['python3', PYTHON],
  ['java', { name: 'Java', packages: ['default-jre', 'default-jre-headless', 'openjdk-*', 'openjdk*'] }],
  ['php', { name: 'PHP', packages: ['php', 'php-cli', 'php*'] }],
  ['ruby', { name: 'Ruby', packages: ['ruby', 'ruby-full'] }],
  ['perl', { name: 'Perl', packages: ['perl'] }],
  ['docker', { name: 'Docker', packages: ['docker', 'docker-ce', 'docker-ce-cli', 'docker.io', 'docker-cli'] }],
  ['kubectl', { name: 'kubectl', packages: ['kubectl'] }],
  ['aws', { name: 'the AWS CLI', packages: ['awscli', 'aws-cli'] }],
  ['gcloud', { name: 'the Google Cloud CLI', packages: ['google-cloud-cli', 'google-cloud-sdk'] }],
  ['az', { name: 'the Azure CLI', packages: ['azure-cli'] }],
  ['chromium', CHROME],
  ['chromium-browser', CHROME],
  ['google-chrome', CHROME],
  ['phantomjs', { name: 'PhantomJS', packages: ['phantomjs'] }],
  ['pdflatex', { name: 'TeX Live', packages: ['texlive', 'texlive-*'] }],
  ['xelatex', { name: 'TeX Live', packages: ['texlive', 'texlive-*'] }],
  ['lp', { name: 'CUPS', packages: ['cups-client', 'cups'] }],
  ['lpr', { name: 'CUPS', packages: ['cups-client', 'cups', 'cups-bsd'] }],
  ['clamscan', { name: 'ClamAV', packages: ['clamav'] }],
  ['yt-dlp', { name: 'yt-dlp', packages: ['yt-dlp'] }],
  ['youtube-dl', { name: 'youtube-dl', packages: ['youtube-dl'] }],
  ['espeak', { name: 'eSpeak', packages: ['espeak', 'espeak-ng'] }],
  ['xvfb-run', { name: 'Xvfb', packages: ['xvfb'] }],
]);

/** True when an OS package name installs the tool (`postgresql-client-15` installs psql). */
export function installsTool(osPackage: string, tool: SystemTool): boolean {
  const name = osPackage.replace(/[=<>~].*$/, '').toLowerCase();
  return tool.packages.some((pattern) => {
    const lower = pattern.toLowerCase();
    return lower.endsWith('*') ? name.startsWith(lower.slice(0, -1)) : name === lower;
  });
}

/**
 * npm modules that run a system program for their caller, and the packages that ship the program inside
 * node_modules (declaring one of those vendors the tool: no finding).
 */
export const TOOL_WRAPPERS: ReadonlyMap<string, { program: string; vendoredBy: readonly string[] }> = new Map([
  ['fluent-ffmpeg', { program: 'ffmpeg', vendoredBy: ['ffmpeg-static', '@ffmpeg-installer/ffmpeg', 'ffmpeg-static-electron', '@ffprobe-installer/ffprobe', 'ffprobe-static'] }],
  ['gm', { program: 'gm', vendoredBy: [] }],
  ['imagemagick', { program: 'convert', vendoredBy: [] }],
  ['node-imagemagick', { program: 'convert', vendoredBy: [] }],
  ['simple-git', { program: 'git', vendoredBy: ['dugite'] }],
  ['wkhtmltopdf', { program: 'wkhtmltopdf', vendoredBy: ['wkhtmltopdf-installer'] }],
  ['node-wkhtmltopdf', { program: 'wkhtmltopdf', vendoredBy: ['wkhtmltopdf-installer'] }],
  ['pdf2pic', { program: 'gs', vendoredBy: [] }],
  ['pdf-image', { program: 'convert', vendoredBy: [] }],
  ['node-tesseract-ocr', { program: 'tesseract', vendoredBy: [] }],
  ['libreoffice-convert', { program: 'soffice', vendoredBy: [] }],
  ['node-exiftool', { program: 'exiftool', vendoredBy: ['dist-exiftool'] }],
  ['node-pandoc', { program: 'pandoc', vendoredBy: [] }],
  ['unoconv', { program: 'unoconv', vendoredBy: [] }],
]);
