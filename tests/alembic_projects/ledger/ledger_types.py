"""Column types of the project, imported by its revisions."""
import sqlalchemy as sa


class Memo(sa.types.TypeDecorator):
    """Free text with a length limit; stored as VARCHAR."""
    impl = sa.String
    cache_ok = True
