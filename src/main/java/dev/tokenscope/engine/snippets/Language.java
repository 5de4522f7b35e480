package dev.tokenscope.engine.snippets;

/** The languages Tokenscope writes server-side validation code for, with the library each snippet uses. */
public enum Language {
    PYTHON("Python", "PyJWT + PyJWKClient", "validate_token.py", "python.py.tmpl"),
    JAVA("Java", "nimbus-jose-jwt (DefaultJWTProcessor + JWKSourceBuilder)", "EntraTokenValidator.java", "java.java.tmpl"),
    NODE("Node.js", "jose", "validate-token.mjs", "node.mjs.tmpl"),
    CSHARP("C#", "Microsoft.IdentityModel.JsonWebTokens (JsonWebTokenHandler) / Microsoft.Identity.Web", "ValidateToken.cs",
            "csharp.cs.tmpl");

    private final String label;
    private final String library;
    private final String fileName;
    private final String template;

    Language(String label, String library, String fileName, String template) {
        this.label = label;
        this.library = library;
        this.fileName = fileName;
        this.template = template;
    }

    /** For a language picker: "Python". */
    public String label() { return label; }

    /** The library the snippet uses. */
    public String library() { return library; }

    /** The file name the snippet is meant to be saved as (the Java class name matches it). */
    public String fileName() { return fileName; }

    String template() { return template; }
}
