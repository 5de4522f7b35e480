package dev.tokenscope.engine.apiconfig;

/** A reader of one JSON-based configuration format. */
interface JsonConfigReader {
    /** The format id(s) this reader produces, for messages. */
    String describe();

    /** Whether the document looks like this format (a cheap structural test on the root). */
    boolean accepts(Node root);

    ApiConfig read(Node root) throws ApiConfigException;
}
