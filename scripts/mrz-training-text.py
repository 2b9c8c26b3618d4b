# Synthetic MRZ-shaped training lines (random, structure-aware) for scripts/train-mrz-model.sh. Usage: python3 mrz-training-text.py N SEED
import random, sys
n = int(sys.argv[1]); random.seed(int(sys.argv[2]))
A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'; D = '0123456789'
def name(k): return ''.join(random.choice(A) for _ in range(k))
def alnum(k): return ''.join(random.choice(A + D + D) for _ in range(k))
def digits(k): return ''.join(random.choice(D) for _ in range(k))
def names(L):
    s = name(random.randint(3, 12)) + '<<' + name(random.randint(3, 9))
    if random.random() < 0.5: s += '<' + name(random.randint(2, 8))
    if random.random() < 0.2: s = name(random.randint(2, 6)) + '<' + s
    return (s + '<' * L)[:L]
def opt(k):
    if random.random() < 0.5: return '<' * k
    m = random.randint(1, k); return (alnum(m) + '<' * k)[:k]
out = []
for i in range(n):
    t = random.random()
    c = name(3)
    if t < 0.4:
        out.append(random.choice(['P<', 'PO', 'V<', 'PD']) + c + names(39))
        out.append(alnum(9) + digits(1) + name(3) + digits(7) + random.choice('MF<') + digits(7) + opt(14) + digits(2))
    elif t < 0.7:
        out.append(random.choice(['I<', 'ID', 'IR', 'AC', 'C<']) + c + alnum(9) + digits(1) + opt(15))
        out.append(digits(7) + random.choice('MF<') + digits(7) + name(3) + opt(11) + digits(1))
        out.append(names(30))
    else:
        out.append(random.choice(['I<', 'ID', 'V<']) + c + names(31))
        out.append(alnum(9) + digits(1) + name(3) + digits(7) + random.choice('MF<') + digits(7) + opt(7) + digits(1))
print('\n'.join(out))
