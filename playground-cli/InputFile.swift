#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KundvalDiagnostics

/// Opening an input file (`--in`, `--anordnare`) with the reason in Swedish when it fails,
/// instead of the system's English text.
enum InputFile {
    /// Why a file could not be opened, in Swedish.
    struct Problem: Error {
        let message: String
    }

    /// A descriptor open for reading `path`, or why not: the file does not exist, may not be
    /// read, or is a folder.
    static func open(_ path: String) -> Result<Int32, Problem> {
        let descriptor = Self.system(path)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT: return .failure(Problem(message: "filen finns inte"))
            case EACCES, EPERM: return .failure(Problem(message: "du får inte läsa filen"))
            case ENOTDIR: return .failure(Problem(message: "en del av sökvägen är ingen mapp"))
            default: return .failure(Problem(message: "filen kan inte öppnas (felkod \(errno))"))
            }
        }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            return .failure(Problem(message: "det är en mapp, inte en fil med en rad JSON per anordnare"))
        }
        return .success(descriptor)
    }

    /// The descriptor to read `input` from: standard input (0) for `-` or none, else the file
    /// opened; `nil` after saying why it cannot be read (`kundval COMMAND: kan inte läsa …`).
    static func descriptor(for input: String?, command: String) -> Int32? {
        guard let input, input != "-" else { return 0 }
        switch open(input) {
        case .success(let opened):
            return opened
        case .failure(let problem):
            Output.error("kundval \(command): kan inte läsa \(Quoting.quoted(input)): \(problem.message)")
            return nil
        }
    }

    private static func system(_ path: String) -> Int32 {
        #if canImport(Glibc)
        Glibc.open(path, O_RDONLY)
        #else
        Darwin.open(path, O_RDONLY)
        #endif
    }
}
